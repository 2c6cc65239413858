// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LastNotesSection } from '../../../src/ui/sidebar/LastNotesSection';
import { TalkingPointsSection } from '../../../src/ui/sidebar/TalkingPointsSection';
import type { LastNotesView, TalkingPointsView } from '../../../src/ui/sidebar/view-model';
import { accessibleName, getByRole, queryAllByRole, queryByRole } from '../a11y-queries';
import type { Mounted } from './support';
import { click, mount, pressKey, typeInto } from './support';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const LOADED: LastNotesView = {
  state: 'loaded',
  day: '2025-10-30',
  title: 'Dana / Sam weekly',
  sharedText: 'Pipeline review\nQ4 plan agreed',
  privateText: 'Seemed tired',
  hasOlder: true,
  hasNewer: false,
};

function renderLastNotes(lastNotes: LastNotesView) {
  const onOlder = vi.fn();
  const onNewer = vi.fn();
  mounted = mount(
    <LastNotesSection
      lastNotes={lastNotes}
      today="2025-11-06"
      personShortName="Dana"
      onShowOlderNotes={onOlder}
      onShowNewerNotes={onNewer}
    />,
  );
  return { container: mounted.container, onOlder, onNewer };
}

describe('LastNotesSection', () => {
  it('shows the earlier meeting date, its shared notes with line breaks, and its private notes marked private', () => {
    const { container } = renderLastNotes(LOADED);
    expect(getByRole(container, 'heading', { name: 'Last notes' })).toBeTruthy();
    expect(container.querySelector('.occ-last-notes__date')?.textContent).toBe('Thu 30 Oct (7 days ago) · Dana / Sam weekly');
    const cards = Array.from(container.querySelectorAll('.occ-note-card'));
    expect(cards.map((card) => card.querySelector('.occ-note-card__label')?.textContent)).toEqual([
      'Shared',
      'Private: only you see these',
    ]);
    expect(cards[0]?.querySelector('.occ-note-card__text')?.textContent).toBe('Pipeline review\nQ4 plan agreed');
    expect(cards[1]?.querySelector('.occ-note-card__text')?.textContent).toBe('Seemed tired');
  });

  it('pages older and newer; each button is disabled when there is nowhere to go', () => {
    const { container, onOlder, onNewer } = renderLastNotes(LOADED);
    const older = getByRole(container, 'button', { name: 'Older notes' }) as HTMLButtonElement;
    const newer = getByRole(container, 'button', { name: 'Newer notes' }) as HTMLButtonElement;
    expect(older.disabled).toBe(false);
    expect(newer.disabled).toBe(true);
    click(older);
    expect(onOlder).toHaveBeenCalledTimes(1);
    mounted?.rerender(
      <LastNotesSection
        lastNotes={{ ...LOADED, hasOlder: false, hasNewer: true }}
        today="2025-11-06"
        personShortName="Dana"
        onShowOlderNotes={onOlder}
        onShowNewerNotes={onNewer}
      />,
    );
    click(getByRole(container, 'button', { name: 'Newer notes' }));
    expect(onNewer).toHaveBeenCalledTimes(1);
    expect((getByRole(container, 'button', { name: 'Older notes' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('hides the pager when there is a single earlier 1:1 with notes, and the private card when empty', () => {
    const { container } = renderLastNotes({ ...LOADED, hasOlder: false, privateText: '  ' });
    expect(queryAllByRole(container, 'button')).toEqual([]);
    expect(container.querySelectorAll('.occ-note-card').length).toBe(1);
  });

  it.each<[string, LastNotesView, string]>([
    ['none', { state: 'none' }, 'No notes from an earlier 1:1 with Dana yet'],
    ['loading', { state: 'loading' }, 'Loading notes…'],
    ['error', { state: 'error', message: 'storage is unavailable' }, "Couldn't show earlier notes: storage is unavailable"],
  ])('state %s says so', (_state, lastNotes, text) => {
    const { container } = renderLastNotes(lastNotes);
    expect(getByRole(container, 'heading', { name: 'Last notes' })).toBeTruthy();
    expect(container.querySelector('section > p')?.textContent).toBe(text);
  });
});

const POINTS: TalkingPointsView = {
  forThisMeeting: [
    { id: 'tp1', text: 'Conference budget', discussed: false },
    { id: 'tp2', text: 'Hiring plan', discussed: true },
  ],
  forNextTime: [{ id: 'tp3', text: 'Quarterly review format', discussed: false }],
};

function renderPoints(talkingPoints: TalkingPointsView) {
  const callbacks = { onAdd: vi.fn(), onSetDiscussed: vi.fn(), onDelete: vi.fn() };
  mounted = mount(
    <TalkingPointsSection
      talkingPoints={talkingPoints}
      onAddTalkingPoint={callbacks.onAdd}
      onSetTalkingPointDiscussed={callbacks.onSetDiscussed}
      onDeleteTalkingPoint={callbacks.onDelete}
    />,
  );
  return { container: mounted.container, ...callbacks };
}

describe('TalkingPointsSection', () => {
  it('lists the points collected for this 1:1 with a Discussed toggle each', () => {
    const { container, onSetDiscussed } = renderPoints(POINTS);
    const budget = getByRole(container, 'button', { name: 'Discussed: Conference budget' });
    const hiring = getByRole(container, 'button', { name: 'Discussed: Hiring plan' });
    expect(budget.getAttribute('aria-pressed')).toBe('false');
    expect(hiring.getAttribute('aria-pressed')).toBe('true');
    click(budget);
    click(hiring);
    expect(onSetDiscussed.mock.calls).toEqual([
      ['tp1', true],
      ['tp2', false],
    ]);
    // No checkboxes here: the sidebar's checkboxes are the action items'.
    expect(queryAllByRole(container, 'checkbox')).toEqual([]);
  });

  it('shows what was saved for next time, removable', () => {
    const { container, onDelete } = renderPoints(POINTS);
    const list = getByRole(container, 'list', { name: 'For next time' });
    expect(list.textContent).toContain('Quarterly review format');
    click(getByRole(container, 'button', { name: 'Remove talking point: Quarterly review format' }));
    expect(onDelete).toHaveBeenCalledExactlyOnceWith('tp3');
  });

  it('adds a point for next time on Enter and clears the box', () => {
    const { container, onAdd } = renderPoints({ forThisMeeting: [], forNextTime: [] });
    expect(container.textContent).toContain('Nothing collected for this 1:1.');
    expect(queryByRole(container, 'heading', { name: 'For next time' })).toBeNull();
    const box = getByRole(container, 'textbox', { name: 'Talking point for next time' }) as HTMLInputElement;
    pressKey(box, 'Enter');
    expect(onAdd).not.toHaveBeenCalled();
    typeInto(box, ' Ask about the Lisbon move ');
    pressKey(box, 'Enter');
    expect(onAdd).toHaveBeenCalledExactlyOnceWith('Ask about the Lisbon move');
    expect(box.value).toBe('');
    typeInto(box, 'Second');
    click(getByRole(container, 'button', { name: 'Add talking point for next time' }));
    expect(onAdd).toHaveBeenLastCalledWith('Second');
    expect(accessibleName(box)).toBe('Talking point for next time');
  });
});
