// The options page's components, props only (see view-model.ts for the models and callbacks).
export { OptionsPage, OPTIONS_SECTIONS } from './OptionsPage';
export { PeopleSection, LEVEL_LABELS, RELATIONSHIP_LABELS, personOptionLabel } from './PeopleSection';
export { PersonPage } from './PersonPage';
export { TargetsSection } from './TargetsSection';
export { CsvImport, PREVIEW_GOOD_ROWS } from './CsvImport';
export type { CsvImportProps } from './CsvImport';
export { DaysOffSection } from './DaysOffSection';
export { BackupSection, importSummary } from './BackupSection';
export { AccountSection } from './AccountSection';
export { SettingsSection } from './SettingsSection';
export { ConfirmDialog } from './ConfirmDialog';
export type { ConfirmDialogProps } from './ConfirmDialog';
export { Highlighted, matches, searchPattern } from './Highlighted';
export { csvPreviewImportable, progressCsvPreview } from './csv-preview';
export type { CsvPreviewNames } from './csv-preview';
export * from './validation';
export type * from './view-model';
