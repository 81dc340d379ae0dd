import { describe, expect, it } from 'vitest';
import { MAINTAINERS_EMAIL, REPOSITORY_URL } from '../../lib/config';
import { mailtoLink, MAX_ISSUE_URL, MAX_MAILTO_URL, newIssueLink, suggestionJson } from '../../lib/core/maintainer-links';
import { makeSuggestion, OASYS } from './suggestion-fixtures';

const EPF = makeSuggestion({ pageUrl: 'https://intranet.example/case/123?crn=X123456&token=secret#notes' });

describe('newIssueLink', () => {
  it('opens a new issue on the configured repository, titled and labelled, with the entry as glossary JSON', () => {
    const link = newIssueLink(EPF, REPOSITORY_URL);

    const url = new URL(link.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${REPOSITORY_URL}/issues/new`);
    expect(url.searchParams.get('title')).toBe('Suggestion: new term “EPF” (Effective Proposal Framework)');
    expect(url.searchParams.get('labels')).toBe('suggestion');
    const body = url.searchParams.get('body')!;
    expect(JSON.parse(/```json\n([\s\S]*?)\n```/.exec(body)![1]!)).toEqual(EPF.entry);
    expect(body).toContain('Glossary JSON (for glossary/report.json):');
    expect(link.fits).toBe(true);
    expect(link.json).toBe(suggestionJson(EPF));
  });

  it('does NOT carry the page address or the sentence unless asked', () => {
    const body = new URL(newIssueLink(EPF, REPOSITORY_URL).url).searchParams.get('body')!;

    expect(body).not.toContain('intranet.example');
    expect(body).not.toContain('What’s EPF?');
  });

  it('when asked, carries the sentence and the page address without its query or fragment', () => {
    const body = new URL(newIssueLink(EPF, REPOSITORY_URL, { includeContext: true }).url).searchParams.get('body')!;

    expect(body).toContain('**Met on:** https://intranet.example/case/123\n');
    expect(body).not.toContain('X123456');
    expect(body).not.toContain('secret');
    expect(body).toContain(`> ${EPF.sentence}`);
  });

  it('names the entry a new sense or an edit is for', () => {
    const sense = makeSuggestion({ term: 'OASys', expansion: 'Offender Assessment System (youth)' }, { kind: 'sense', target: OASYS });

    const url = new URL(newIssueLink(sense, REPOSITORY_URL).url);

    expect(url.searchParams.get('title')).toBe('Suggestion: new sense of “OASys” (Offender Assessment System (youth))');
    expect(url.searchParams.get('body')).toMatch(/^A new sense of the entry `oasys`\./);
  });

  it('stays within the URL limit for a huge entry, asking the reader to paste the JSON instead', () => {
    const huge = { ...EPF, entry: { ...EPF.entry, variants: Array.from({ length: 200 }, (_, i) => `EPF variant number ${i}`) } };

    const link = newIssueLink(huge, REPOSITORY_URL);

    expect(link.url.length).toBeLessThanOrEqual(MAX_ISSUE_URL);
    expect(link.fits).toBe(false);
    expect(new URL(link.url).searchParams.get('body')).toContain('It is on your clipboard: paste it here.');
    expect(JSON.parse(link.json)).toEqual(huge.entry);
  });
});

describe('mailtoLink', () => {
  it('drafts an email to the maintainers within the mailto: length limit', () => {
    const link = mailtoLink(EPF, MAINTAINERS_EMAIL);

    expect(link.url.startsWith(`mailto:${MAINTAINERS_EMAIL}?subject=`)).toBe(true);
    expect(link.url.length).toBeLessThanOrEqual(MAX_MAILTO_URL);
    const body = decodeURIComponent(/&body=(.*)$/.exec(link.url)![1]!);
    expect(body).toContain('\r\n**Term:** EPF\r\n');
    if (link.fits) expect(body).toContain('"id": "epf"');
    else expect(body).toContain('paste it here');
  });

  it('puts a short entry’s JSON in the email itself', () => {
    const short = makeSuggestion({ definition: 'A framework.', sourceUrl: 'https://x.gov.uk/a', sentence: '', pageUrl: '' });

    const link = mailtoLink(short, MAINTAINERS_EMAIL);

    expect(link.fits).toBe(true);
    expect(decodeURIComponent(link.url)).toContain('"headword": "EPF"');
  });
});

describe('configuration', () => {
  it('sets the repository once, as an https address without a trailing slash', () => {
    expect(REPOSITORY_URL).toMatch(/^https:\/\/[^/]+\/[^/]+\/[^/]+$/);
  });
});
