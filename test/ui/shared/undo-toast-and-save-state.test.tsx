// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SaveState } from '../../../src/ui/shared/SaveStateIndicator';
import { SaveStateIndicator, saveStateText } from '../../../src/ui/shared/SaveStateIndicator';
import type { UndoToastItem } from '../../../src/ui/shared/UndoToast';
import { UndoToast } from '../../../src/ui/shared/UndoToast';
import { getByRole, queryByRole } from '../a11y-queries';
import type { Mounted } from '../sidebar/support';
import { click, interact, mount } from '../sidebar/support';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  vi.useRealTimers();
});

const ITEM: UndoToastItem = { key: 'k1', message: 'Closed: Send the deck', undoName: 'Undo closing: Send the deck' };

describe('UndoToast', () => {
  it('keeps its live region in the page with or without a toast', () => {
    mounted = mount(<UndoToast toast={null} onUndo={vi.fn()} onDismiss={vi.fn()} />);
    expect(getByRole(mounted.container, 'status').textContent).toBe('');
    mounted.rerender(<UndoToast toast={ITEM} onUndo={vi.fn()} onDismiss={vi.fn()} />);
    expect(getByRole(mounted.container, 'status').textContent).toBe('Closed: Send the deckUndo×');
  });

  it('times out after its duration, pauses while hovered, and Dismiss ends it at once', () => {
    vi.useFakeTimers();
    const onDismiss = vi.fn();
    const onUndo = vi.fn();
    mounted = mount(<UndoToast toast={ITEM} durationMs={3000} onUndo={onUndo} onDismiss={onDismiss} />);
    const toast = mounted.container.querySelector('.occ-toast') as HTMLElement;
    interact(() => vi.advanceTimersByTime(2000));
    interact(() => toast.dispatchEvent(new MouseEvent('mouseenter')));
    interact(() => vi.advanceTimersByTime(10_000));
    expect(onDismiss).not.toHaveBeenCalled();
    interact(() => toast.dispatchEvent(new MouseEvent('mouseleave')));
    interact(() => vi.advanceTimersByTime(2999));
    expect(onDismiss).not.toHaveBeenCalled();
    interact(() => vi.advanceTimersByTime(1));
    expect(onDismiss).toHaveBeenCalledExactlyOnceWith('k1');
    click(getByRole(mounted.container, 'button', { name: 'Dismiss' }));
    expect(onDismiss).toHaveBeenCalledTimes(2);
    click(getByRole(mounted.container, 'button', { name: 'Undo closing: Send the deck' }));
    expect(onUndo).toHaveBeenCalledExactlyOnceWith('k1');
  });

  it('restarts the clock for a new toast', () => {
    vi.useFakeTimers();
    const onDismiss = vi.fn();
    mounted = mount(<UndoToast toast={ITEM} durationMs={3000} onUndo={vi.fn()} onDismiss={onDismiss} />);
    interact(() => vi.advanceTimersByTime(2000));
    mounted.rerender(<UndoToast toast={{ ...ITEM, key: 'k2' }} durationMs={3000} onUndo={vi.fn()} onDismiss={onDismiss} />);
    interact(() => vi.advanceTimersByTime(2000));
    expect(onDismiss).not.toHaveBeenCalled();
    interact(() => vi.advanceTimersByTime(1000));
    expect(onDismiss).toHaveBeenCalledExactlyOnceWith('k2');
  });
});

describe('SaveStateIndicator', () => {
  it.each<[SaveState, string]>([
    [{ kind: 'idle' }, ''],
    [{ kind: 'saving' }, 'Saving…'],
    [{ kind: 'saved' }, 'Saved'],
    [{ kind: 'unsaved', reason: 'storage is full' }, 'Not saved: storage is full'],
  ])('%o reads "%s", is not a live region, and keeps one element', (state, text) => {
    expect(saveStateText(state)).toBe(text);
    mounted = mount(<SaveStateIndicator id="s" state={state} />);
    const indicator = mounted.container.querySelector('#s') as HTMLElement;
    expect(indicator.textContent?.replace(/^!/, '')).toBe(text);
    expect(indicator.getAttribute('data-state')).toBe(state.kind);
    expect(indicator.hasAttribute('aria-live')).toBe(false);
    expect(queryByRole(mounted.container, 'status')).toBeNull();
  });
});
