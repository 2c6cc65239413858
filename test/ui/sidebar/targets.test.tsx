// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TargetsSection } from '../../../src/ui/sidebar/TargetsSection';
import type { TargetsView } from '../../../src/ui/sidebar/view-model';
import { accessibleDescription, getByRole, queryByRole } from '../a11y-queries';
import type { Mounted } from './support';
import { click, mount, pressKey, selectOption, sidebarModel, typeInto } from './support';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

function renderTargets(targets: TargetsView, withSettings = true) {
  const onAddProgress = vi.fn();
  const onOpenSettings = vi.fn();
  mounted = mount(
    <TargetsSection
      targets={targets}
      personShortName="Dana"
      onAddProgress={onAddProgress}
      onOpenSettings={withSettings ? onOpenSettings : undefined}
    />,
  );
  return { container: mounted.container, onAddProgress, onOpenSettings };
}

const rowText = (row: Element | undefined) => (row?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('TargetsSection', () => {
  it('groups rows by horizon, each with actual of target, percent, pace with expected and projected, last period', () => {
    const { container } = renderTargets(sidebarModel().targets);
    expect(getByRole(container, 'heading', { name: 'Targets' })).toBeTruthy();
    const horizons = Array.from(container.querySelectorAll('.occ-horizon'));
    expect(horizons.map((horizon) => horizon.querySelector('h3')?.textContent)).toEqual(['This week', 'November']);
    const week = horizons[0]?.querySelector('.occ-target');
    expect(rowText(week?.querySelector('.occ-target__line') ?? undefined)).toBe('Bookings: $18,400 of $22,727.27 (81%)');
    expect(rowText(week?.querySelector('.occ-target__pace') ?? undefined)).toBe(
      'Ahead expected by today $13,636.36, projected $30,666.67',
    );
    expect(rowText(week?.querySelector('.occ-target__last') ?? undefined)).toBe('Last week: Missed $20,100 of $22,727.27');
    expect(week?.querySelector('.occ-chip--good')?.textContent).toBe('Ahead');
    expect(week?.querySelector('.occ-target__last .occ-chip--bad')?.textContent).toBe('Missed');
    expect((week?.querySelector('.occ-bar__fill') as HTMLElement).style.width).toBe('81%');

    const month = horizons[1]?.querySelector('.occ-target');
    expect(month?.getAttribute('data-pace')).toBe('behind');
    expect(month?.querySelector('.occ-target__pace .occ-chip--bad')?.textContent).toBe('Behind');
    expect(month?.querySelector('.occ-target__last .occ-chip--good')?.textContent).toBe('Hit');
    expect(container.textContent).toContain('Frontline: today and this week, against the month');
  });

  it.each([
    ['on-track', 'On track'],
    ['not-started', 'Not started'],
    ['ended', 'Ended'],
  ] as const)('names pace %s in words', (status, label) => {
    const { container } = renderTargets({
      horizons: [
        {
          key: 'q',
          label: 'Q4',
          rows: [{ key: 'r', metric: 'ARR', actualText: '$1', targetText: '$2', pace: { status } }],
        },
      ],
      progressTargets: [],
    });
    expect(container.querySelector('.occ-target__pace')?.textContent).toBe(label);
    // A zero target has no percent: no bar, no "(…%)".
    expect(container.querySelector('.occ-bar')).toBeNull();
    expect(rowText(container.querySelector('.occ-target__line') ?? undefined)).toBe('ARR: $1 of $2');
  });

  it('a horizon without working days shows its note instead of rows, and the others as usual', () => {
    const model = sidebarModel().targets;
    const note = 'Today is not a working day: no target for today; what is added today counts toward this week and November';
    const { container } = renderTargets({ ...model, horizons: [{ key: 'day', label: 'Today', rows: [], note }, ...model.horizons] });
    const horizons = Array.from(container.querySelectorAll('.occ-horizon'));
    expect(horizons.map((horizon) => horizon.querySelector('h3')?.textContent)).toEqual(['Today', 'This week', 'November']);
    expect(rowText(horizons[0])).toBe(`Today${note}`);
    expect(horizons[0]?.querySelector('.occ-target')).toBeNull();
    expect(horizons[0]?.querySelector('ul')).toBeNull();
    expect(container.textContent).not.toContain('$0 of $0');
    expect(container.querySelector('.occ-empty')).toBeNull();
  });

  it('caps the bar at 100% for over-achievement and at 0 for negatives', () => {
    const row = { key: 'r', metric: 'Calls', actualText: '150 calls', targetText: '100 calls', percentText: '150%', percent: 150 };
    const { container } = renderTargets({
      horizons: [{ key: 'w', label: 'This week', rows: [row, { ...row, key: 's', percent: -20 }] }],
      progressTargets: [],
    });
    const widths = Array.from(container.querySelectorAll<HTMLElement>('.occ-bar__fill')).map((bar) => bar.style.width);
    expect(widths).toEqual(['100%', '0%']);
  });

  it('has an empty state that points to Settings', () => {
    const { container, onOpenSettings } = renderTargets({ horizons: [], progressTargets: [] });
    expect(container.querySelector('.occ-empty')?.textContent).toBe('No targets for Dana yet — set them in Settings');
    click(getByRole(container, 'button', { name: 'Settings' }));
    expect(onOpenSettings).toHaveBeenCalledTimes(1);
    mounted?.unmount();
    const plain = renderTargets({ horizons: [{ key: 'w', label: 'This week', rows: [] }], progressTargets: [] }, false);
    expect(plain.container.querySelector('.occ-empty')?.textContent).toBe('No targets for Dana yet — set them in Settings');
    expect(queryByRole(plain.container, 'button')).toBeNull();
  });

  it('adds today\'s progress in minor units after checking the number', () => {
    const { container, onAddProgress } = renderTargets(sidebarModel().targets);
    const amount = getByRole(container, 'textbox', { name: "Today's progress for Bookings (USD)" }) as HTMLInputElement;
    typeInto(amount, '1,250.5');
    pressKey(amount, 'Enter');
    expect(onAddProgress).toHaveBeenCalledExactlyOnceWith('target-bookings', 125050);
    expect(amount.value).toBe('');
    expect(getByRole(container, 'status').textContent).toBe('Added 1,250.5 to Bookings (USD)');

    typeInto(amount, '12.345');
    click(getByRole(container, 'button', { name: "Add today's progress for Bookings (USD)" }));
    expect(onAddProgress).toHaveBeenCalledTimes(1);
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(accessibleDescription(amount)).toBe('Not added: at most 2 decimal places');
    expect(amount.value).toBe('12.345');
    expect(getByRole(container, 'alert').textContent).toBe('Not added: at most 2 decimal places');
    typeInto(amount, '12.34');
    expect(amount.hasAttribute('aria-invalid')).toBe(false);
  });

  it('picks which target takes the progress when there are several', () => {
    const { container, onAddProgress } = renderTargets(sidebarModel().targets);
    selectOption(getByRole(container, 'combobox', { name: 'Target to add progress to' }), 'target-calls');
    const amount = getByRole(container, 'textbox', { name: "Today's progress for Calls" });
    typeInto(amount, '1.5');
    pressKey(amount, 'Enter');
    expect(onAddProgress).not.toHaveBeenCalled();
    expect(getByRole(container, 'alert').textContent).toBe('Not added: whole numbers only');
    typeInto(amount, '14');
    pressKey(amount, 'Enter');
    expect(onAddProgress).toHaveBeenCalledExactlyOnceWith('target-calls', 14);
  });

  it('shows no quick entry when no target takes progress here, and a loading state', () => {
    const { container } = renderTargets({ ...sidebarModel().targets, progressTargets: [] });
    expect(queryByRole(container, 'group', { name: "Add today's progress" })).toBeNull();
    mounted?.rerender(
      <TargetsSection targets={{ horizons: [], progressTargets: [], loading: true }} personShortName="Dana" onAddProgress={vi.fn()} />,
    );
    expect(container.textContent).toBe('TargetsLoading targets…');
  });
});
