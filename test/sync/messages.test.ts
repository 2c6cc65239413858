// The service worker's answers to sync and sign-in messages, with the real engine against the
// fake API: what is accepted (strictly), who may sign in, and what the pages get back.
import { describe, expect, it } from 'vitest';
import { createTestTokenProvider } from '../../src/auth/test-token';
import { handleSyncMessage, type SyncMessageContext } from '../../src/sync/message-handler';
import { parseSyncRequest, sendSyncRequest } from '../../src/sync/messages';
import { ME, meetingOf, type Browser, type World } from './harness';
import { worldPerTest } from './world-per-test';

let world: World;
// Every write, in every test: no guest notifications, never without If-Match (checked after each).
worldPerTest((started) => (world = started));

const EXTENSION = 'abcdefghijklmnopabcdefghijklmnop';
const popup = { id: EXTENSION, url: `chrome-extension://${EXTENSION}/popup.html` };
const contentScript = { id: EXTENSION, url: 'https://calendar.google.com/calendar/u/0/r', tab: { id: 3 } };

function contextFor(browser: Browser) {
  const calls: string[] = [];
  const provider = createTestTokenProvider('me-token');
  const context: SyncMessageContext = {
    engine: browser.engine,
    provider,
    extensionId: EXTENSION,
    isExtensionPage: (sender) => sender.url?.startsWith(`chrome-extension://${EXTENSION}/`) === true,
    scheduler: {
      changed: () => void calls.push('changed'),
      flushNow: async () => {
        calls.push('flushNow');
        await browser.engine.flushOutbox();
      },
      learnAndFlush: async (options) => {
        calls.push(`learnAndFlush(${options?.full === true ? 'full' : ''})`);
        await browser.engine.learn(options);
        await browser.engine.flushOutbox();
      },
    },
  };
  return { context, calls, provider };
}

describe('sync and sign-in messages', () => {
  it('leaves other messages to other listeners', () => {
    const { context } = contextFor(world.browser());
    expect(handleSyncMessage(context, { type: 'one-on-one/calendar-page-event' }, popup)).toBeUndefined();
    expect(handleSyncMessage(context, { type: 'sync:state-changed' }, popup)).toBeUndefined();
    expect(handleSyncMessage(context, null, popup)).toBeUndefined();
    expect(handleSyncMessage(context, { type: 'sync:summary' }, { ...popup, id: 'another-extension' })).toBeUndefined();
  });

  it.each([
    [{ type: 'sync:changed', account: ME, meetingId: 'm', token: 'ya29.smuggled' }],
    [{ type: 'auth:sign-in', accessToken: 'ya29.smuggled' }],
    [{ type: 'sync:status', account: 'not an address', meetingId: 'm' }],
    [{ type: 'sync:changed', account: ME }],
    [{ type: 'sync:set-token', token: 'x' }],
  ])('refuses a malformed request, or one with extra fields: %j', async (message) => {
    expect(parseSyncRequest(message).ok).toBe(false);
    const { context } = contextFor(world.browser());
    expect(await handleSyncMessage(context, message, popup)).toMatchObject({ ok: false, reason: expect.stringMatching(/^invalid message/) });
  });

  it('a change from the sidebar is queued and flushed soon; its state comes back', async () => {
    const eventId = world.addOneOnOne();
    const browser = world.browser();
    await browser.engine.learn();
    await browser.typeSharedNote(meetingOf(eventId), 'Notes');
    const { context, calls } = contextFor(browser);
    const answer = await handleSyncMessage(context, { type: 'sync:changed', account: ME, meetingId: meetingOf(eventId) }, contentScript);
    expect(answer).toEqual({ ok: true, status: { kind: 'saved-locally' } });
    expect(calls).toEqual(['changed']);
    await browser.engine.flushOutbox();
    expect(await handleSyncMessage(context, { type: 'sync:status', account: ME, meetingId: meetingOf(eventId) }, contentScript)).toEqual({
      ok: true,
      status: { kind: 'synced', at: world.now() },
    });
    expect(await handleSyncMessage(context, { type: 'sync:summary' }, popup)).toEqual({
      ok: true,
      account: { state: 'signed-in', account: ME },
      summary: { kind: 'synced', at: world.now() },
    });
  });

  it('a change in a tab of another account is kept in that account and not flushed', async () => {
    const browser = world.browser();
    await browser.engine.learn();
    const { context, calls } = contextFor(browser);
    const other = 'other@example.org';
    const answer = await handleSyncMessage(context, { type: 'sync:changed', account: other, meetingId: meetingOf('abcdefghij', other) }, contentScript);
    expect(answer).toMatchObject({ ok: true, status: { kind: 'cannot-write', code: 'other-account' } });
    expect(calls).toEqual([]);
  });

  it('signs in and out only from the extension\'s own pages; signing in learns the calendar in full', async () => {
    world.addOneOnOne();
    const browser = world.browser();
    const { context, calls } = contextFor(browser);
    expect(await handleSyncMessage(context, { type: 'auth:sign-out' }, contentScript)).toMatchObject({ ok: false });
    expect(await handleSyncMessage(context, { type: 'auth:sign-out' }, popup)).toEqual({ ok: true, account: { state: 'signed-out', reason: 'You signed out' } });
    expect(await handleSyncMessage(context, { type: 'sync:summary' }, popup)).toMatchObject({ ok: true, summary: { kind: 'signed-out' } });
    expect(await handleSyncMessage(context, { type: 'auth:sign-in' }, contentScript)).toMatchObject({ ok: false });
    expect(calls).toEqual([]);
    expect(await handleSyncMessage(context, { type: 'auth:sign-in' }, popup)).toEqual({ ok: true, account: { state: 'signed-in', account: ME } });
    expect(calls).toEqual(['learnAndFlush(full)']);
    expect(await handleSyncMessage(context, { type: 'auth:status' }, popup)).toEqual({ ok: true, account: { state: 'signed-in', account: ME } });
  });

  it('sendSyncRequest types the answer and turns an unreachable background into a failure', async () => {
    expect(await sendSyncRequest(async () => ({ ok: true, account: { state: 'signed-out', reason: 'x' } }), { type: 'auth:status' })).toEqual({
      ok: true,
      account: { state: 'signed-out', reason: 'x' },
    });
    expect(
      await sendSyncRequest(async () => {
        throw new Error('Could not establish connection. Receiving end does not exist.');
      }, { type: 'sync:summary' }),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/could not be reached/) });
    expect(await sendSyncRequest(async () => undefined, { type: 'sync:summary' })).toEqual({ ok: false, reason: 'The background gave no answer' });
  });
});
