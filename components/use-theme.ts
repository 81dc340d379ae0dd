/** Puts the reader's theme on <html data-theme>, which ui.css reads; `system` follows prefers-color-scheme. */
import { useEffect } from 'preact/hooks';
import type { Theme } from '../lib/core/settings';

export function useThemeAttribute(theme: Theme | undefined): void {
  useEffect(() => {
    document.documentElement.dataset.theme = theme ?? 'system';
  }, [theme]);
}
