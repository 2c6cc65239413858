// After the extension is reloaded or updated, a Calendar tab still runs the old content script,
// which can no longer reach the extension. It says so instead of failing silently. Built from
// elements and text (no HTML strings: Calendar enforces Trusted Types), on document.body.
import { DOCK_ATTRIBUTE, setStyles } from './dock';

export const ORPHAN_NOTICE_TEXT = '1:1 Companion was updated. Reload this tab to keep taking notes.';

/** Shows the notice once per page; returns it. */
export function showOrphanNotice(doc: Document = document, reload: () => void = () => location.reload()): HTMLElement {
  const existing = doc.querySelector<HTMLElement>(`[${DOCK_ATTRIBUTE}="orphan-notice"]`);
  if (existing !== null) return existing;

  const notice = doc.createElement('div');
  notice.setAttribute(DOCK_ATTRIBUTE, 'orphan-notice');
  notice.setAttribute('role', 'alert');
  setStyles(notice, {
    position: 'fixed',
    left: '24px',
    bottom: '24px',
    'z-index': '2147483001',
    display: 'flex',
    'align-items': 'center',
    gap: '16px',
    'max-width': 'min(560px, calc(100vw - 48px))',
    padding: '14px 16px',
    'border-radius': '4px',
    background: '#202124',
    color: '#fff',
    font: '14px/20px system-ui, "Google Sans", Roboto, Arial, sans-serif',
    'box-shadow': '0 3px 5px -1px rgba(0,0,0,.2), 0 6px 10px 0 rgba(0,0,0,.14)',
  });

  const text = doc.createElement('span');
  text.textContent = ORPHAN_NOTICE_TEXT;

  const button = doc.createElement('button');
  button.type = 'button';
  button.textContent = 'Reload';
  setStyles(button, {
    flex: 'none',
    border: '0',
    background: 'transparent',
    color: '#8ab4f8',
    font: '500 14px/20px system-ui, "Google Sans", Roboto, Arial, sans-serif',
    padding: '6px 8px',
    cursor: 'pointer',
  });
  button.addEventListener('click', () => reload());

  notice.append(text, button);
  doc.body.append(notice);
  return notice;
}
