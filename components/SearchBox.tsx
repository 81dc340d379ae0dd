/** The popup's search field: a combobox whose list is the results (ARIA APG combobox pattern). */
import type { Ref } from 'preact';

export interface SearchBoxProps {
  query: string;
  onQuery: (query: string) => void;
  onKeyDown: (event: KeyboardEvent) => void;
  /** The id of the results list it controls. */
  listId: string;
  /** The id of the highlighted option, if any. */
  activeId?: string;
  expanded: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

export function SearchBox({ query, onQuery, onKeyDown, listId, activeId, expanded, inputRef }: SearchBoxProps) {
  return (
    <div class="search">
      <label for="pj-search" class="sr-only">
        Search the glossary
      </label>
      <input
        id="pj-search"
        ref={inputRef}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-controls={listId}
        aria-expanded={expanded}
        aria-activedescendant={activeId}
        placeholder="Search: OASys, MAPPA, licence…"
        autocomplete="off"
        spellcheck={false}
        value={query}
        onInput={(event) => onQuery(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}
