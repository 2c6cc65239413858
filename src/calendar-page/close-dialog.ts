// Closes Calendar's event dialog the way a person would, for the sidebar's Escape (the keystroke
// went to the sidebar's iframe, so Calendar never saw it): its close button by id, else a button
// in the dialog labelled with the locale's word for "Close", else an Escape keydown dispatched on
// the dialog (Calendar closes its dialogs on Escape). No English-only label is relied on.
import { CLOSE_WORDS, SELECTORS, firstMatch } from './selectors';

export type DialogCloseWay = 'close-button' | 'labelled-button' | 'escape-key';

export function closeEventDialog(dialog: Element): DialogCloseWay {
  const byId = firstMatch(dialog, SELECTORS.dialogCloseButton);
  if (byId instanceof HTMLElement) {
    byId.click();
    return 'close-button';
  }
  for (const button of dialog.querySelectorAll(SELECTORS.dialogButtons)) {
    const label = button.getAttribute('aria-label')?.trim().toLowerCase() ?? '';
    if (button instanceof HTMLElement && CLOSE_WORDS.includes(label)) {
      button.click();
      return 'labelled-button';
    }
  }
  // keyCode 27 too: older handlers read it rather than `key`.
  const init: KeyboardEventInit & { keyCode: number; which: number } = { key: 'Escape', code: 'Escape', keyCode: 27, which: 27, bubbles: true, cancelable: true, composed: true };
  dialog.dispatchEvent(new KeyboardEvent('keydown', init));
  return 'escape-key';
}
