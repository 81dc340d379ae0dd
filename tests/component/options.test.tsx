// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsForm } from '../../components/OptionsForm';
import { useSettings } from '../../lib/browser/use-settings';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/core/settings';

afterEach(cleanup);

const defaults = (): Settings => ({ ...DEFAULT_SETTINGS, disabledSites: [], hiddenCategories: [] });

describe('options form', () => {
  it('saves the underline style, trigger and theme as they are chosen', () => {
    const onChange = vi.fn();
    render(<OptionsForm settings={defaults()} onChange={onChange} />);

    fireEvent.click(screen.getByRole('radio', { name: /Shaded background/ }));
    fireEvent.click(screen.getByRole('radio', { name: 'Only when I click a term or select it' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Dark' }));

    expect(onChange.mock.calls).toEqual([[{ underline: 'background' }], [{ trigger: 'click-or-selection' }], [{ theme: 'dark' }]]);
  });

  it('saves a valid hover delay and refuses an invalid one with a message', () => {
    const onChange = vi.fn();
    render(<OptionsForm settings={defaults()} onChange={onChange} />);
    const delay = screen.getByRole('spinbutton', { name: 'Hover delay (milliseconds)' });

    fireEvent.input(delay, { target: { value: '5000' } });
    fireEvent.change(delay);
    const error = screen.getByRole('alert').textContent;
    fireEvent.input(delay, { target: { value: '300' } });
    fireEvent.change(delay);

    expect(error).toBe('Enter a whole number of milliseconds from 0 to 2000.');
    expect(onChange.mock.calls).toEqual([[{ hoverDelay: 300 }]]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('disables the hover delay when the card opens only on click or selection', () => {
    render(<OptionsForm settings={{ ...defaults(), trigger: 'click-or-selection' }} onChange={() => undefined} />);

    expect((screen.getByRole('spinbutton', { name: 'Hover delay (milliseconds)' }) as HTMLInputElement).disabled).toBe(true);
  });

  it('hides and shows categories', () => {
    const onChange = vi.fn();
    render(<OptionsForm settings={{ ...defaults(), hiddenCategories: ['system'] }} onChange={onChange} />);
    const shown = (name: string) => (screen.getByRole('checkbox', { name }) as HTMLInputElement).checked;
    const before = [shown('Risk and needs assessment'), shown('IT systems')];

    fireEvent.click(screen.getByRole('checkbox', { name: 'Risk and needs assessment' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'IT systems' }));

    expect(before).toEqual([true, false]);
    expect(onChange.mock.calls).toEqual([[{ hiddenCategories: ['assessment', 'system'] }], [{ hiddenCategories: [] }]]);
  });

  it('adds a site from a URL, refuses a non-site, and removes one', () => {
    const onChange = vi.fn();
    render(<OptionsForm settings={{ ...defaults(), disabledSites: ['b.org'] }} onChange={onChange} />);
    const field = screen.getByRole('textbox', { name: 'Turn highlighting off for a site' });

    fireEvent.input(field, { target: { value: 'not a site' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    const error = screen.getByRole('alert').textContent;
    fireEvent.input(field, { target: { value: 'https://www.Example.org/page' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove b.org' }));

    expect(error).toBe('“not a site” is not a site name. Enter one such as example.org.');
    expect(onChange.mock.calls).toEqual([[{ disabledSites: ['b.org', 'example.org'] }], [{ disabledSites: [] }]]);
  });

  it('reports stored settings that could not be read', () => {
    render(
      <OptionsForm
        settings={defaults()}
        onChange={() => undefined}
        problems={[{ path: 'settings.hoverDelay', message: 'expected a number of milliseconds, got "fast"', value: 'fast' }]}
      />,
    );

    expect(screen.getByRole('alert').textContent).toContain('settings.hoverDelay: expected a number of milliseconds, got "fast"');
  });
});

describe('useSettings with browser storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('shows the stored settings, writes changes, and follows changes made elsewhere', async () => {
    await fakeBrowser.storage.local.set({ settings: { theme: 'dark' } });
    render(<Harness />);
    await screen.findByText('theme=dark paused=false');

    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    await screen.findByText('theme=dark paused=true');
    expect((await fakeBrowser.storage.local.get('settings')).settings).toEqual({ theme: 'dark', paused: true });

    await act(() => fakeBrowser.storage.local.set({ settings: { theme: 'light' } }));
    await waitFor(() => expect(screen.getByText('theme=light paused=false')).toBeTruthy());
  });
});

function Harness() {
  const { settings, update } = useSettings();
  if (!settings) return <p>Loading</p>;
  return (
    <>
      <p>{`theme=${settings.theme} paused=${settings.paused}`}</p>
      <button type="button" onClick={() => void update({ paused: true })}>
        Pause
      </button>
    </>
  );
}
