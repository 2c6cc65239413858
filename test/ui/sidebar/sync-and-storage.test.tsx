// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StorageProblemBanner } from '../../../src/ui/sidebar/StorageProblemBanner';
import { SyncStatusLine } from '../../../src/ui/sidebar/SyncStatusLine';
import type { SyncStatusView } from '../../../src/ui/sidebar/view-model';
import { accessibleName, getByRole, queryAllByRole, queryByRole } from '../a11y-queries';
import type { Mounted } from './support';
import { click, mount } from './support';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

describe('SyncStatusLine', () => {
  it.each<[SyncStatusView, string, boolean]>([
    [{ kind: 'saved-locally' }, 'Saved in this browser; not in the calendar event yet', false],
    [{ kind: 'syncing' }, 'Writing to the calendar event…', false],
    [{ kind: 'synced', atText: '14:05' }, 'Synced to the calendar event at 14:05', false],
    [
      { kind: 'cannot-write', reason: 'you are not the organiser: notes stay in this browser' },
      "Can't write this event: you are not the organiser: notes stay in this browser",
      true,
    ],
    [{ kind: 'failed', reason: 'the calendar refused the change (403)' }, 'Sync failed: the calendar refused the change (403). It will be retried.', true],
    [{ kind: 'signed-out' }, 'Signed out: notes are kept in this browser and synced after you sign in', true],
  ])('%o reads "%s"; announced: %s', (sync, text, announced) => {
    mounted = mount(<SyncStatusLine sync={sync} />);
    const line = mounted.container.querySelector('.occ-sync__text') as HTMLElement;
    expect(line.textContent).toBe(text);
    const live = mounted.container.querySelector('[aria-live="polite"]') as HTMLElement;
    expect(live.textContent).toBe(announced ? text : '');
  });

  it('offers Retry on a failure and Sign in when signed out, when the wiring gives them', () => {
    const onRetrySync = vi.fn();
    const onSignIn = vi.fn();
    mounted = mount(<SyncStatusLine sync={{ kind: 'failed', reason: 'offline' }} onRetrySync={onRetrySync} onSignIn={onSignIn} />);
    click(getByRole(mounted.container, 'button', { name: 'Retry sync' }));
    expect(onRetrySync).toHaveBeenCalledTimes(1);
    expect(queryByRole(mounted.container, 'button', { name: 'Sign in' })).toBeNull();
    mounted.rerender(<SyncStatusLine sync={{ kind: 'signed-out' }} onRetrySync={onRetrySync} onSignIn={onSignIn} />);
    click(getByRole(mounted.container, 'button', { name: 'Sign in' }));
    expect(onSignIn).toHaveBeenCalledTimes(1);
    mounted.rerender(<SyncStatusLine sync={{ kind: 'synced', atText: '9:00' }} onRetrySync={onRetrySync} onSignIn={onSignIn} />);
    expect(queryAllByRole(mounted.container, 'button')).toEqual([]);
  });
});

describe('StorageProblemBanner', () => {
  it('renders nothing without a problem', () => {
    mounted = mount(<StorageProblemBanner problems={{ quarantined: { count: 0 }, newerVersionInOtherTab: false }} />);
    expect(mounted.container.innerHTML).toBe('');
  });

  it('says a save failed and that the text is kept, with Try again', () => {
    const onRetrySave = vi.fn();
    mounted = mount(<StorageProblemBanner problems={{ saveFailed: { reason: 'storage is full' } }} onRetrySave={onRetrySave} />);
    const alert = getByRole(mounted.container, 'alert');
    expect(alert.textContent).toContain('Not saved: storage is full. Your text is still here; keep this open.');
    click(getByRole(alert, 'button', { name: 'Try saving again' }));
    expect(onRetrySave).toHaveBeenCalledTimes(1);
  });

  it('asks for a reload when a newer version is open in another tab', () => {
    const onReload = vi.fn();
    mounted = mount(<StorageProblemBanner problems={{ newerVersionInOtherTab: true }} onReload={onReload} />);
    expect(getByRole(mounted.container, 'alert').textContent).toContain('A newer version is open in another tab: reload to keep saving.');
    click(getByRole(mounted.container, 'button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalledTimes(1);
  });

  it.each([
    [1, "1 record couldn't be read and was set aside.", 'Export it'],
    [3, "3 records couldn't be read and were set aside.", 'Export them'],
  ])('counts %i quarantined records with an export', (count, text, button) => {
    const onExport = vi.fn();
    mounted = mount(<StorageProblemBanner problems={{ quarantined: { count } }} onExportQuarantined={onExport} />);
    expect(getByRole(mounted.container, 'alert').textContent).toContain(text);
    click(getByRole(mounted.container, 'button', { name: button }));
    expect(onExport).toHaveBeenCalledTimes(1);
  });

  it('shows every problem at once, each with its action', () => {
    mounted = mount(
      <StorageProblemBanner
        problems={{ saveFailed: { reason: 'quota' }, newerVersionInOtherTab: true, quarantined: { count: 2 } }}
        onRetrySave={vi.fn()}
        onReload={vi.fn()}
        onExportQuarantined={vi.fn()}
      />,
    );
    expect(queryAllByRole(mounted.container, 'button').map(accessibleName)).toEqual(['Try saving again', 'Reload', 'Export them']);
  });
});
