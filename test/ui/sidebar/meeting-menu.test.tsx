// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MeetingMenu } from '../../../src/ui/sidebar/MeetingMenu';
import { SidebarView } from '../../../src/ui/sidebar/SidebarView';
import type { MeetingView } from '../../../src/ui/sidebar/view-model';
import { accessibleName, getByRole, queryAllByRole } from '../a11y-queries';
import type { Mounted } from './support';
import { click, mount, pressKey, sidebarCallbacks, sidebarModel } from './support';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const MEETING: MeetingView = sidebarModel().meeting;

function renderMenu(meeting: MeetingView) {
  const callbacks = { onOverride: vi.fn(), onClearOverride: vi.fn(), onSetMarkedHeld: vi.fn() };
  mounted = mount(<MeetingMenu meeting={meeting} {...callbacks} />);
  return { container: mounted.container, ...callbacks };
}

function openMenu(container: HTMLElement): HTMLElement[] {
  const trigger = getByRole(container, 'button', { name: '1:1 options' });
  click(trigger);
  expect(trigger.getAttribute('aria-expanded')).toBe('true');
  const panel = getByRole(container, 'list', { name: '1:1 options' });
  expect(trigger.getAttribute('aria-controls')).toBe(panel.id);
  return queryAllByRole(panel, 'button');
}

describe('MeetingMenu', () => {
  it('starts closed: its entries are hidden', () => {
    const { container } = renderMenu(MEETING);
    expect(getByRole(container, 'button', { name: '1:1 options' }).getAttribute('aria-expanded')).toBe('false');
    expect(queryAllByRole(container, 'button').map(accessibleName)).toEqual(['1:1 options']);
  });

  it.each<[string, Partial<MeetingView>, string[]]>([
    ['a detected recurring 1:1', {}, ['Mark as held', 'Not a 1:1: this event', 'Not a 1:1: whole series']],
    ['a one-off 1:1', { isRecurring: false }, ['Mark as held', 'Not a 1:1: this event']],
    ['a 1:1 not held yet', { canMarkHeld: false, isRecurring: false }, ['Not a 1:1: this event']],
    ['one marked as held', { markedHeld: true }, ['Unmark as held', 'Not a 1:1: this event', 'Not a 1:1: whole series']],
    [
      'an event the user marked as a 1:1',
      { classificationReason: 'marked-event', canMarkHeld: false },
      ['Use automatic 1:1 detection for this event', 'Not a 1:1: this event', 'Not a 1:1: whole series'],
    ],
    [
      'a series the user marked',
      { classificationReason: 'marked-series', canMarkHeld: false },
      ['Use automatic 1:1 detection for the series', 'Not a 1:1: this event', 'Not a 1:1: whole series'],
    ],
  ])('offers the right entries for %s', (_case, meeting, entries) => {
    const { container } = renderMenu({ ...MEETING, ...meeting });
    expect(openMenu(container).map(accessibleName)).toEqual(entries);
  });

  it.each<[string, Partial<MeetingView>, (c: ReturnType<typeof renderMenu>) => void]>([
    ['Not a 1:1: this event', {}, (c) => expect(c.onOverride).toHaveBeenCalledExactlyOnceWith({ scope: 'event', isOneOnOne: false })],
    ['Not a 1:1: whole series', {}, (c) => expect(c.onOverride).toHaveBeenCalledExactlyOnceWith({ scope: 'series', isOneOnOne: false })],
    ['Mark as held', {}, (c) => expect(c.onSetMarkedHeld).toHaveBeenCalledExactlyOnceWith(true)],
    ['Unmark as held', { markedHeld: true }, (c) => expect(c.onSetMarkedHeld).toHaveBeenCalledExactlyOnceWith(false)],
    [
      'Use automatic 1:1 detection for the series',
      { classificationReason: 'marked-series' },
      (c) => expect(c.onClearOverride).toHaveBeenCalledExactlyOnceWith('series'),
    ],
  ])('"%s" calls back, closes the menu and returns focus to its button', (entry, meeting, check) => {
    const rendered = renderMenu({ ...MEETING, ...meeting });
    openMenu(rendered.container);
    click(getByRole(rendered.container, 'button', { name: entry }));
    check(rendered);
    const trigger = getByRole(rendered.container, 'button', { name: '1:1 options' });
    expect(trigger.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(trigger);
  });

  it('moves focus into the menu on open, with arrow keys through it, and Escape closes it', () => {
    const { container, onOverride } = renderMenu(MEETING);
    const entries = openMenu(container);
    expect(document.activeElement).toBe(entries[0]);
    pressKey(entries[0] as HTMLElement, 'ArrowDown');
    expect(document.activeElement).toBe(entries[1]);
    pressKey(entries[1] as HTMLElement, 'ArrowUp');
    pressKey(entries[0] as HTMLElement, 'ArrowUp');
    expect(document.activeElement).toBe(entries[2]);
    pressKey(entries[2] as HTMLElement, 'Escape');
    const trigger = getByRole(container, 'button', { name: '1:1 options' });
    expect(trigger.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(trigger);
    expect(onOverride).not.toHaveBeenCalled();
  });

  it('is in the sidebar header, which says when the 1:1 was marked as held', () => {
    const callbacks = sidebarCallbacks();
    mounted = mount(<SidebarView {...sidebarModel({ meeting: { ...MEETING, markedHeld: true } })} {...callbacks} />);
    const header = mounted.container.querySelector('header') as HTMLElement;
    expect(header.textContent).toContain('Marked as held');
    expect(header.textContent).toContain('Dana / Sam weekly · Thu 6 Nov, 10:00–10:30');
    expect(header.textContent).toContain('dana.reyes@example.com · Frontline');
    openMenu(header);
    click(getByRole(header, 'button', { name: 'Unmark as held' }));
    expect(callbacks.onSetMarkedHeld).toHaveBeenCalledExactlyOnceWith(false);
    click(getByRole(header, 'button', { name: 'Close sidebar' }));
    expect(callbacks.onClose).toHaveBeenCalledTimes(1);
  });
});
