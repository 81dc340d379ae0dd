/** One line about an entry, for lists: headword, what it stands for, and whether it is historic. */
import type { Entry } from '../lib/core/glossary-schema';

export function EntrySummary({ entry, own }: { entry: Entry; own?: boolean }) {
  const expansion = entry.senses[0]?.expansion;
  return (
    <>
      <span class="hw">{entry.headword}</span>
      {expansion && expansion !== entry.headword ? <span class="exp">{expansion}</span> : null}
      {entry.status === 'historic' ? <span class="chip historic">Historic</span> : null}
      {own ? <span class="chip own">Yours</span> : null}
    </>
  );
}
