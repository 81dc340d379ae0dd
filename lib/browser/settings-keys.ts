/** Storage keys of the settings, declared once (see settings.ts for the items). */
export const SETTINGS_KEY = 'local:settings';
export const SETTINGS_BACKUP_KEY = 'local:settingsBackup';
