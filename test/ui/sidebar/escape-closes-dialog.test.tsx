// @vitest-environment happy-dom
// Escape pressed in the sidebar page (an iframe: Calendar never sees the keystroke) saves the notes
// and asks the host page to close the dialog, unless a control in the sidebar used it: an open
// menu, an inline edit, the offer's expander, the undo toast.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeDialogOnEscape } from '../../../src/messaging/sidebar-dock';
import { SIDEBAR_CLOSE_DIALOG_MESSAGE } from '../../../src/messaging/protocol';
import { GroupEventView } from '../../../src/ui/sidebar/GroupEventView';
import { SidebarView } from '../../../src/ui/sidebar/SidebarView';
import { getByRole, queryByRole } from '../a11y-queries';
import type { Mounted } from './support';
import { click, interact, mount, pressKey, sidebarCallbacks, sidebarModel } from './support';

let mounted: Mounted | undefined;
let stop: (() => void) | undefined;
let calls: string[];
let posted: { message: unknown; origin: string }[];

beforeEach(() => {
  calls = [];
  posted = [];
  stop = closeDialogOnEscape(document, {
    beforeClose: () => void calls.push('save'),
    hostWindow: {
      postMessage: (message: unknown, origin: string) => {
        calls.push('close');
        posted.push({ message, origin });
      },
    } as Pick<Window, 'postMessage'>,
  });
});
afterEach(() => {
  stop?.();
  mounted?.unmount();
  mounted = undefined;
});

function sidebar(): HTMLElement {
  mounted = mount(<SidebarView {...sidebarModel()} {...sidebarCallbacks()} />);
  return mounted.container;
}

describe('Escape in the sidebar', () => {
  it('in the Shared notes box: the notes are saved first, then the host page is asked to close the dialog, once', () => {
    const container = sidebar();
    const shared = getByRole(container, 'textbox', { name: /^Shared notes/ });
    pressKey(shared, 'Escape');
    expect(calls).toEqual(['save', 'close']);
    expect(posted).toEqual([{ message: { type: SIDEBAR_CLOSE_DIALOG_MESSAGE }, origin: '*' }]);
  });

  it('anywhere else nothing handles it (a checkbox, the New action item box, a button): the same', () => {
    const container = sidebar();
    pressKey(getByRole(container, 'checkbox', { name: 'Book the offsite' }), 'Escape');
    pressKey(getByRole(container, 'textbox', { name: 'New action item' }), 'Escape');
    pressKey(getByRole(container, 'button', { name: 'Older notes' }), 'Escape');
    expect(posted).toHaveLength(3);
  });

  it('an open "1:1 options" menu takes it (the menu closes); the next Escape closes the dialog', () => {
    const container = sidebar();
    const trigger = getByRole(container, 'button', { name: '1:1 options' });
    click(trigger);
    expect(trigger.getAttribute('aria-expanded')).toBe('true');
    pressKey(document.activeElement!, 'Escape');
    expect(trigger.getAttribute('aria-expanded')).toBe('false');
    expect(posted).toEqual([]);
    pressKey(trigger, 'Escape');
    expect(posted).toHaveLength(1);
  });

  it('an inline edit of an action item takes it (the edit is cancelled); nothing is closed', () => {
    const container = sidebar();
    click(getByRole(container, 'button', { name: 'Edit: Send the pricing deck' }));
    pressKey(getByRole(container, 'textbox', { name: 'Action item text' }), 'Escape');
    expect(queryByRole(container, 'textbox', { name: 'Action item text' })).toBeNull();
    expect(calls).toEqual([]);
  });

  it('the undo toast takes it (it is dismissed); nothing is closed', () => {
    const container = sidebar();
    click(getByRole(container, 'checkbox', { name: 'Send the pricing deck' }));
    const undo = getByRole(container, 'button', { name: /^Undo/ });
    pressKey(undo, 'Escape');
    expect(queryByRole(container, 'button', { name: /^Undo/ })).toBeNull();
    expect(calls).toEqual([]);
  });

  it('the expanded "Treat as 1:1" offer takes it (it collapses); collapsed, Escape closes the dialog', () => {
    mounted = mount(
      <GroupEventView
        meeting={{ title: 'Sales team sync', isRecurring: false, classificationReason: 'not-one-on-one', guestCount: 5 }}
        guests={[{ email: 'dana.reyes@example.com', displayName: 'Dana Reyes' }]}
        onOverride={vi.fn()}
        onClearOverride={vi.fn()}
      />,
    );
    const toggle = getByRole(mounted.container, 'button', { name: 'Treat as 1:1…' });
    click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    pressKey(toggle, 'Escape');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(posted).toEqual([]);
    pressKey(toggle, 'Escape');
    expect(posted).toHaveLength(1);
  });

  it('while composing text (an input method) or for other keys: nothing', () => {
    const container = sidebar();
    const shared = getByRole(container, 'textbox', { name: /^Shared notes/ });
    interact(() => void shared.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', isComposing: true, bubbles: true, cancelable: true })));
    pressKey(shared, 'Enter');
    pressKey(shared, 'q');
    expect(calls).toEqual([]);
  });

  it('not in a frame (no host page): nothing is listened to; stopped: nothing more is sent', () => {
    const alone = closeDialogOnEscape(document, { hostWindow: null, beforeClose: () => void calls.push('alone') });
    stop?.();
    stop = undefined;
    const container = sidebar();
    pressKey(getByRole(container, 'textbox', { name: /^Shared notes/ }), 'Escape');
    expect(calls).toEqual([]);
    alone();
  });
});
