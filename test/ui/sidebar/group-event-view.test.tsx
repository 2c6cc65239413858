// @vitest-environment happy-dom
// The compact "not a 1:1" offer: one quiet line that expands into "Treat as 1:1 with …".
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GROUP_EVENT_LABEL, GroupEventView, type GroupEventViewProps } from '../../../src/ui/sidebar/GroupEventView';
import { accessibleName, getByRole, queryAllByRole, queryByRole } from '../a11y-queries';
import type { Mounted } from './support';
import { XSS, click, mount, pressKey, selectOption } from './support';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

function groupProps(overrides: Partial<GroupEventViewProps> = {}): GroupEventViewProps {
  return {
    meeting: { title: 'Sales team sync', isRecurring: true, classificationReason: 'not-one-on-one', guestCount: 5 },
    guests: [
      { email: 'dana.reyes@example.com', displayName: 'Dana Reyes' },
      { email: 'lee@example.com' },
    ],
    onOverride: vi.fn(),
    onClearOverride: vi.fn(),
    ...overrides,
  };
}

function render(props: GroupEventViewProps): HTMLElement {
  mounted = mount(<GroupEventView {...props} />);
  return mounted.container;
}

function expand(container: HTMLElement): HTMLElement {
  const toggle = getByRole(container, 'button', { name: 'Treat as 1:1…' });
  click(toggle);
  expect(toggle.getAttribute('aria-expanded')).toBe('true');
  const panel = container.querySelector<HTMLElement>(`[id="${toggle.getAttribute('aria-controls')}"]`)!;
  expect(panel.hidden).toBe(false);
  return panel;
}

describe('GroupEventView (the compact "Treat as 1:1" offer)', () => {
  it('is a named region, not a complementary landmark, and never named "1:1 with …"', () => {
    const container = render(groupProps());
    expect(queryAllByRole(container, 'complementary', { hidden: true })).toEqual([]);
    expect(container.querySelector('aside')).toBeNull();
    const region = getByRole(container, 'region', { name: GROUP_EVENT_LABEL });
    expect(region.tagName).toBe('SECTION');
    expect(accessibleName(region)).toBe('1:1 Companion: not a 1:1');
    expect(accessibleName(region)).not.toMatch(/1:1 with/);
    // Quiet: no headings competing with Calendar's dialog.
    expect(queryAllByRole(container, 'heading', { hidden: true })).toEqual([]);
  });

  it('starts as one line, "Not a 1:1 · Treat as 1:1…", with everything else collapsed', () => {
    const container = render(groupProps());
    const toggle = getByRole(container, 'button', { name: 'Treat as 1:1…' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(queryAllByRole(container, 'button').map(accessibleName)).toEqual(['Treat as 1:1…']);
    expect(queryByRole(container, 'combobox')).toBeNull();
    const line = toggle.parentElement!;
    expect(line.textContent!.replace(/\s+/g, ' ').trim()).toBe('Not a 1:1 · Treat as 1:1…');
  });

  it('expanded: says why and treats it as a 1:1 with the chosen guest, for the event or the series', () => {
    const props = groupProps();
    const container = render(props);
    const panel = expand(container);
    expect(panel.textContent).toContain("This event has 5 guests, so it isn't treated as a 1:1.");
    const who = getByRole(container, 'combobox', { name: 'With' }) as HTMLSelectElement;
    expect(Array.from(who.options).map((option) => option.textContent)).toEqual([
      'Dana Reyes (dana.reyes@example.com)',
      'lee@example.com',
    ]);
    click(getByRole(container, 'button', { name: 'Treat this event as a 1:1 with Dana Reyes' }));
    selectOption(who, 'lee@example.com');
    click(getByRole(container, 'button', { name: 'Treat the whole series as 1:1s with lee@example.com' }));
    expect((props.onOverride as ReturnType<typeof vi.fn>).mock.calls).toEqual([
      [{ scope: 'event', isOneOnOne: true, personEmail: 'dana.reyes@example.com' }],
      [{ scope: 'series', isOneOnOne: true, personEmail: 'lee@example.com' }],
    ]);
  });

  it('collapses again with its button or Escape (focus back on the button)', () => {
    const container = render(groupProps());
    const toggle = getByRole(container, 'button', { name: 'Treat as 1:1…' });
    expand(container);
    click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(queryByRole(container, 'combobox')).toBeNull();
    expand(container);
    pressKey(getByRole(container, 'combobox', { name: 'With' }), 'Escape');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle);
  });

  it.each<[string, GroupEventViewProps['meeting'], string, 'event' | 'series']>([
    ['this event', { title: 'Dana / Sam', isRecurring: false, classificationReason: 'unmarked-event', guestCount: 2 }, 'You marked this event as not a 1:1.', 'event'],
    ['the series', { title: 'Dana / Sam', isRecurring: true, classificationReason: 'unmarked-series', guestCount: 2 }, 'You marked this series as not a 1:1.', 'series'],
  ])('marked "not a 1:1" (%s): says so and undoes the mark', (_what, meeting, text, scope) => {
    const props = groupProps({ meeting, guests: [{ email: 'dana.reyes@example.com', displayName: 'Dana Reyes' }] });
    const container = render(props);
    expect(getByRole(container, 'button', { name: 'Treat as 1:1…' })).toBeDefined();
    const panel = expand(container);
    expect(panel.textContent).toContain(text);
    click(getByRole(container, 'button', { name: 'Use automatic detection' }));
    expect(props.onClearOverride).toHaveBeenCalledExactlyOnceWith(scope);
    expect(props.onOverride).not.toHaveBeenCalled();
  });

  it('offers no series choice for a one-off event', () => {
    const container = render(groupProps({ meeting: { title: 'Offsite', isRecurring: false, classificationReason: 'not-one-on-one', guestCount: 4 } }));
    expand(container);
    expect(getByRole(container, 'button', { name: 'Treat this event as a 1:1 with Dana Reyes' })).toBeDefined();
    expect(queryByRole(container, 'button', { name: /whole series/ })).toBeNull();
  });

  it('says so when there is nobody to hold a 1:1 with', () => {
    const container = render(groupProps({ guests: [] }));
    const panel = expand(container);
    expect(panel.textContent).toContain('There is no other guest to hold a 1:1 with.');
    expect(queryByRole(container, 'button', { name: /^Treat (this|the)/ })).toBeNull();
  });

  it('shows names from the page as text', () => {
    const container = render(groupProps({ guests: [{ email: 'eve@example.com', displayName: XSS }] }));
    expand(container);
    expect(container.querySelector('img')).toBeNull();
    expect(getByRole(container, 'button', { name: `Treat this event as a 1:1 with ${XSS}` })).toBeDefined();
  });

  it('a close button only when asked for', () => {
    const onClose = vi.fn();
    const container = render(groupProps({ onClose }));
    click(getByRole(container, 'button', { name: 'Close sidebar' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
