// Small pieces shared by the sidebar, the popup and the options page.
export { daysFromTo, formatDay, formatDayWithRelative, formatRelativeDay, isBeforeDay } from './relative-date';
export { SaveStateIndicator, saveStateText } from './SaveStateIndicator';
export type { SaveState, SaveStateIndicatorProps } from './SaveStateIndicator';
export { UNDO_WINDOW_MS, UndoToast } from './UndoToast';
export type { UndoToastItem, UndoToastProps } from './UndoToast';
export { caretAfterReplace, NotesTextarea } from './NotesTextarea';
export type { NotesTextareaController, NotesTextareaProps } from './NotesTextarea';
