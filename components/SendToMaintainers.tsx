/**
 * "Send to maintainers" for one suggestion: two links, a new GitHub issue and
 * an email, built on render. Nothing leaves the browser until the reader
 * clicks one, and then the browser only opens the link. The page address
 * and sentence go only if the reader ticks the box.
 */
import { useState } from 'preact/hooks';
import { mailtoLink, newIssueLink, type MaintainerLink } from '../lib/core/maintainer-links';
import type { Suggestion } from '../lib/core/suggestion-schema';

export interface SendToMaintainersProps {
  suggestion: Suggestion;
  repositoryUrl: string;
  email: string;
  /** Puts text on the clipboard, for a suggestion too long for a link. */
  onCopy?: (text: string) => Promise<void>;
}

export function SendToMaintainers({ suggestion, repositoryUrl, email, onCopy }: SendToMaintainersProps) {
  const [includeContext, setIncludeContext] = useState(false);
  const [note, setNote] = useState<string>();
  const hasContext = Boolean(suggestion.pageUrl || suggestion.sentence);
  const issue = newIssueLink(suggestion, repositoryUrl, { includeContext });
  const mail = mailtoLink(suggestion, email, { includeContext });
  const id = `pj-send-${suggestion.key}`;

  const copyIfNeeded = (link: MaintainerLink) => {
    if (link.fits || !onCopy) return;
    onCopy(link.json).then(
      () => setNote('The entry’s JSON is on your clipboard: paste it into the message.'),
      () => setNote('The entry is too long for a link and could not be copied: use “Export for the glossary” and attach the file.'),
    );
  };

  return (
    <div class="send" role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} class="muted">
        Send “{suggestion.entry.headword}” to the glossary’s maintainers. This opens a page or an email for you to check and send; nothing is sent until you do.
      </p>
      {hasContext ? (
        <label class="choice">
          <input type="checkbox" checked={includeContext} onChange={(e) => setIncludeContext(e.currentTarget.checked)} />
          <span>Include the page address and the sentence (they may hold personal details)</span>
        </label>
      ) : null}
      <div class="inline">
        <a href={issue.url} target="_blank" rel="noopener noreferrer" onClick={() => copyIfNeeded(issue)}>
          Open a GitHub issue
        </a>
        <a href={mail.url} onClick={() => copyIfNeeded(mail)}>
          Email the maintainers
        </a>
      </div>
      {note ? <p role="status">{note}</p> : null}
    </div>
  );
}
