// What the popup and the options page wire alike: the actions' context and the sign-in buttons.
import { describe, expect, it, vi } from 'vitest';
import type { AccountSyncClient } from '../../src/app/account-sync';
import type { PageEnvironment } from '../../src/app/page-environment';
import { pageActionContext, syncCallbacks } from '../../src/app/page-wiring';
import type { CompanionDb, StorageMessage } from '../../src/storage';
import { ACCOUNT } from './fixtures';

function engine() {
  const calls: string[] = [];
  const sync: AccountSyncClient = {
    state: async () => ({ account: { state: 'signed-out', reason: 'x' }, sync: { kind: 'signed-out', reason: 'x' } }),
    signIn: async () => (calls.push('signIn'), { ok: true as const }),
    signOut: async () => void calls.push('signOut'),
    retry: async () => void calls.push('retry'),
    meetingChanged: async (account, meetingId) => void calls.push(`meetingChanged ${account} ${meetingId}`),
    subscribe: () => () => {},
  };
  return { sync, calls };
}

function environment(sync?: AccountSyncClient) {
  const posted: StorageMessage[] = [];
  let badge = 0;
  const env: PageEnvironment = {
    now: () => 42,
    channel: { post: (message) => void posted.push(message), subscribe: () => () => {} },
    ...(sync && { sync }),
    openTab: () => {},
    extensionUrl: (path) => path,
    refreshBadge: () => void badge++,
    saveFile: () => {},
  };
  return { env, posted, badge: () => badge };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('pageActionContext', () => {
  it('posts notices to other pages, recounts the badge when who is overdue may change, tells the engine of changed meetings', async () => {
    const { sync, calls } = engine();
    const { env, posted, badge } = environment(sync);
    const after = vi.fn();
    const context = pageActionContext(env, { account: ACCOUNT } as CompanionDb, after);
    expect(context.now()).toBe(42);
    context.notify({ type: 'people-changed', account: ACCOUNT, ids: ['p'] });
    context.notify({ type: 'note-saved', account: ACCOUNT, noteId: 'n', meetingId: 'm', revision: 1 });
    expect(posted.map((message) => message.type)).toEqual(['people-changed', 'note-saved']);
    expect(badge()).toBe(1);
    expect(after).toHaveBeenCalledTimes(2);
    context.meetingChanged?.('m1');
    await settle();
    expect(calls).toEqual([`meetingChanged ${ACCOUNT} m1`]);
  });
});

describe('syncCallbacks', () => {
  it('sign in shows "signing in" until the engine answered; sign out and retry re-read the page', async () => {
    const { sync, calls } = engine();
    const { env } = environment(sync);
    const signingIn: boolean[] = [];
    const reload = vi.fn();
    const callbacks = syncCallbacks(env, reload, (value) => signingIn.push(value), true);
    callbacks.onSignIn();
    expect(signingIn).toEqual([true]);
    await settle();
    expect(signingIn).toEqual([true, false]);
    callbacks.onSignOut();
    await settle();
    expect(reload).toHaveBeenCalledTimes(1);
    callbacks.onRetrySync!();
    await settle();
    expect(reload).toHaveBeenCalledTimes(2);
    expect(calls).toEqual(['signIn', 'signOut', 'retry']);
  });

  it('retry is offered only after a failed sync, and nothing is offered to do without an engine', () => {
    const { sync } = engine();
    expect(syncCallbacks(environment(sync).env, () => {}, () => {}, false).onRetrySync).toBeUndefined();
    const signingIn: boolean[] = [];
    const none = syncCallbacks(environment().env, () => {}, (value) => signingIn.push(value), true);
    expect(none.onRetrySync).toBeUndefined();
    none.onSignIn();
    none.onSignOut();
    expect(signingIn).toEqual([]);
  });
});
