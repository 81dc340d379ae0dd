/** Storage keys of the suggestions feature, declared once (see suggestions.ts for the items). */
export const SUGGESTIONS_KEY = 'local:suggestions';
export const SUGGESTIONS_BACKUP_KEY = 'local:suggestionsBackup';
export const SUGGESTION_DRAFT_KEY = 'local:suggestionDraft';
