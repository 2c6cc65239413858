// Rendering and view-model fixtures for the sidebar's component tests.
import type { ComponentChild } from 'preact';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { vi } from 'vitest';
import type { SidebarCallbacks, SidebarViewModel } from '../../../src/ui/sidebar/view-model';

export interface Mounted {
  container: HTMLElement;
  rerender(vnode: ComponentChild): void;
  unmount(): void;
}

/** Renders into a fresh container attached to the document (focus needs a connected node). */
export function mount(vnode: ComponentChild): Mounted {
  const container = document.createElement('div');
  document.body.appendChild(container);
  act(() => {
    render(vnode, container);
  });
  return {
    container,
    rerender(next) {
      act(() => {
        render(next, container);
      });
    },
    unmount() {
      act(() => {
        render(null, container);
      });
      container.remove();
    },
  };
}

/** Runs a DOM interaction inside act() so state updates and effects are flushed. */
export function interact(run: () => void): void {
  act(() => {
    run();
  });
}

export function click(element: Element): void {
  interact(() => (element as HTMLElement).click());
}

/** Types into an input or textarea the way the browser reports it: value, then an input event. */
export function typeInto(element: Element, value: string): void {
  const field = element as HTMLInputElement | HTMLTextAreaElement;
  interact(() => {
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export function pressKey(element: Element, key: string): void {
  interact(() => {
    element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

export function selectOption(element: Element, value: string): void {
  const select = element as HTMLSelectElement;
  interact(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

export const XSS = '<img src=x onerror=alert(1)>';

export function sidebarModel(overrides: Partial<SidebarViewModel> = {}): SidebarViewModel {
  return {
    today: '2025-11-06',
    person: { displayName: 'Dana Reyes', email: 'dana.reyes@example.com', levelText: 'Frontline' },
    meeting: {
      title: 'Dana / Sam weekly',
      day: '2025-11-06',
      timeText: '10:00–10:30',
      isRecurring: true,
      classificationReason: 'two-human-guests',
      markedHeld: false,
      canMarkHeld: true,
    },
    lastNotes: {
      state: 'loaded',
      day: '2025-10-30',
      title: 'Dana / Sam weekly',
      sharedText: 'Pipeline review\nQ4 plan agreed',
      privateText: 'Seemed tired; ask about workload',
      hasOlder: true,
      hasNewer: false,
    },
    talkingPoints: {
      forThisMeeting: [
        { id: 'tp1', text: 'Conference budget', discussed: false },
        { id: 'tp2', text: 'Hiring plan', discussed: true },
      ],
      forNextTime: [],
    },
    actionItems: {
      open: [
        { id: 'a1b2c3d4', text: 'Send the pricing deck', owner: 'them', due: '2025-11-03' },
        { id: 'e5f6g7h8', text: 'Book the offsite', owner: 'me', due: '2025-11-10' },
        { id: 'i9j0k1l2', text: 'Intro to the Berlin team', owner: 'me' },
      ],
    },
    targets: {
      focusText: 'Frontline: today and this week, against the month',
      horizons: [
        {
          key: 'week',
          label: 'This week',
          rows: [
            {
              key: 't-week',
              metric: 'Bookings',
              actualText: '$18,400',
              targetText: '$22,727.27',
              percentText: '81%',
              percent: 81,
              pace: { status: 'ahead', expectedText: '$13,636.36', projectedText: '$30,666.67' },
              lastPeriod: { label: 'Last week', hit: false, detailText: '$20,100 of $22,727.27' },
            },
          ],
        },
        {
          key: 'month',
          label: 'November',
          rows: [
            {
              key: 't-month',
              metric: 'Bookings',
              actualText: '$18,400',
              targetText: '$100,000',
              percentText: '18%',
              percent: 18.4,
              pace: { status: 'behind', expectedText: '$18,181.82', projectedText: '$16,000' },
              lastPeriod: { label: 'October', hit: true, detailText: '$104,000 of $100,000' },
            },
          ],
        },
      ],
      progressTargets: [
        { targetId: 'target-bookings', label: 'Bookings (USD)', unit: 'USD', decimals: 2 },
        { targetId: 'target-calls', label: 'Calls', unit: 'calls', decimals: 0 },
      ],
    },
    notes: {
      sharedText: '',
      privateText: '',
      sharedSaveState: { kind: 'idle' },
      privateSaveState: { kind: 'idle' },
      offerO3Template: true,
    },
    sync: { kind: 'synced', atText: '10:12' },
    storageProblems: {},
    ...overrides,
  };
}

export type CallbackMocks = { [K in keyof SidebarCallbacks]-?: ReturnType<typeof vi.fn> & NonNullable<SidebarCallbacks[K]> };

export function sidebarCallbacks(): CallbackMocks {
  const names: (keyof SidebarCallbacks)[] = [
    'onShowOlderNotes',
    'onShowNewerNotes',
    'onAddTalkingPoint',
    'onSetTalkingPointDiscussed',
    'onDeleteTalkingPoint',
    'onAddActionItem',
    'onCloseActionItem',
    'onReopenActionItem',
    'onUpdateActionItem',
    'onAddProgress',
    'onOpenSettings',
    'onSharedNotesInput',
    'onPrivateNotesInput',
    'onOverride',
    'onClearOverride',
    'onSetMarkedHeld',
    'onRetrySync',
    'onSignIn',
    'onRetrySave',
    'onReload',
    'onExportQuarantined',
    'onClose',
  ];
  return Object.fromEntries(names.map((name) => [name, vi.fn()])) as unknown as CallbackMocks;
}
