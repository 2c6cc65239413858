import { describe, expect, it, vi } from 'vitest';
import { accountView, atText, syncEnabled, syncSummaryView } from '../../src/app/account-sync';
import { meetingUrl, optionsHash, parseOptionsHash, scheduleOneOnOneUrl } from '../../src/app/links';
import { messageSyncClient } from '../../src/app/sync-client';
import { decodeEventRef, eidFromEventEditUrl } from '../../src/domain/event-id';

describe('Calendar links', () => {
  it('schedules a 1:1 on Calendar’s new-event page with the person as guest', () => {
    const url = new URL(scheduleOneOnOneUrl({ email: 'dana+work@example.com', displayName: 'Dana' }));
    expect(`${url.origin}${url.pathname}`).toBe('https://calendar.google.com/calendar/r/eventedit');
    expect(url.searchParams.get('add')).toBe('dana+work@example.com');
    expect(url.searchParams.get('text')).toBe('1:1');
    const nameOnly = new URL(scheduleOneOnOneUrl({ displayName: 'Dana R' }));
    expect([nameOnly.searchParams.get('add'), nameOnly.searchParams.get('text')]).toEqual([null, '1:1 with Dana R']);
  });

  it('opens a calendar 1:1 on its event page; a logged one has none', () => {
    const url = meetingUrl({ source: 'calendar', eventId: 'abc123_20251120T100000Z', calendarId: 'me@gmail.com' })!;
    const eid = eidFromEventEditUrl(url)!;
    expect(decodeEventRef(eid)).toEqual({
      ok: true,
      value: { eventId: 'abc123_20251120T100000Z', calendarId: 'me@gmail.com', seriesId: 'abc123', instanceStart: '20251120T100000Z' },
    });
    expect(meetingUrl({ source: 'logged' })).toBeUndefined();
  });

  it.each([
    ['#backup', { section: 'backup' }],
    ['#person=email%3Adana%40example.com', { section: 'people', personId: 'email:dana@example.com' }],
    ['', { section: 'people' }],
    ['#nonsense', { section: 'people' }],
    ['#person=%E0%A4%A', { section: 'people' }],
  ])('options hash %j', (hash, place) => {
    expect(parseOptionsHash(hash)).toEqual(place);
  });

  it('writes the hash it reads', () => {
    for (const place of [{ section: 'targets' as const }, { section: 'people' as const, personId: 'name:dana r' }]) {
      expect(parseOptionsHash(optionsHash(place))).toEqual(place);
    }
  });
});

describe('account and sync lines', () => {
  const now = Date.UTC(2025, 10, 20, 15, 0);
  it.each([
    [{ kind: 'synced', at: now - 3_600_000 }, { kind: 'synced', atText: '15:00' }],
    [{ kind: 'synced', at: now - 2 * 86_400_000 }, { kind: 'synced', atText: 'Tue 18 Nov 16:00' }],
    [{ kind: 'pending', count: 3 }, { kind: 'pending', count: 3 }],
    [{ kind: 'failed', reason: 'offline', retryAt: now }, { kind: 'failed', reason: 'offline' }],
    [{ kind: 'signed-out', reason: 'You signed out' }, { kind: 'signed-out' }],
    [{ kind: 'never' }, { kind: 'never' }],
    [undefined, { kind: 'signed-out' }],
  ] as const)('%j → %j', (summary, view) => {
    expect(syncSummaryView(summary, now, 'Europe/Berlin')).toEqual(view);
  });

  it('names the account; until the engine knows the address, the local one', () => {
    expect(accountView({ state: 'signed-in', account: 'me@example.com' })).toEqual({ state: 'signed-in', email: 'me@example.com' });
    expect(accountView({ state: 'signed-in' }, { localAccount: 'local@example.com' })).toEqual({ state: 'signed-in', email: 'local@example.com' });
    expect(accountView({ state: 'signed-out', reason: 'x' })).toEqual({ state: 'signed-out' });
    expect(accountView({ state: 'signed-in' }, { signingIn: true })).toEqual({ state: 'signing-in' });
    expect(syncEnabled({ account: { state: 'signed-in' }, sync: { kind: 'never' } })).toBe(true);
    expect(syncEnabled(undefined)).toBe(false);
    expect(atText(now, now, 'UTC')).toBe('15:00');
  });
});

describe('messageSyncClient', () => {
  function fakeRuntime(answers: Record<string, unknown>) {
    const listeners = new Set<(message: unknown) => void>();
    const sent: unknown[] = [];
    return {
      sent,
      emit: (message: unknown) => listeners.forEach((listener) => listener(message)),
      sendMessage: vi.fn(async (message: unknown) => {
        sent.push(message);
        const answer = answers[(message as { type: string }).type];
        if (answer instanceof Error) throw answer;
        return answer;
      }),
      onMessage: { addListener: (l: (m: unknown) => void) => void listeners.add(l), removeListener: (l: (m: unknown) => void) => void listeners.delete(l) },
    };
  }

  it('asks for the summary, signs in and out, and re-reads on the background’s state-changed broadcast', async () => {
    const runtime = fakeRuntime({
      'sync:summary': { ok: true, account: { state: 'signed-in', account: 'me@example.com' }, summary: { kind: 'pending', count: 2 } },
      'auth:sign-in': { ok: false, reason: 'The user closed the window', cancelled: true },
      'auth:sign-out': { ok: true, account: { state: 'signed-out', reason: 'You signed out' } },
      'sync:changed': { ok: true, status: { kind: 'saved-locally' } },
    });
    const client = messageSyncClient(runtime);
    expect(await client.state()).toEqual({ account: { state: 'signed-in', account: 'me@example.com' }, sync: { kind: 'pending', count: 2 } });
    expect(await client.signIn()).toEqual({ ok: false, reason: 'The user closed the window', cancelled: true });
    await client.signOut();
    await client.meetingChanged('me@example.com', 'me@example.com|ev1');
    expect(runtime.sent).toEqual([
      { type: 'sync:summary' },
      { type: 'auth:sign-in' },
      { type: 'auth:sign-out' },
      { type: 'sync:changed', account: 'me@example.com', meetingId: 'me@example.com|ev1' },
    ]);
    const seen: unknown[] = [];
    const unsubscribe = client.subscribe((state) => seen.push(state.sync));
    runtime.emit({ type: 'something-else' });
    runtime.emit({ type: 'sync:state-changed', account: 'me@example.com' });
    await vi.waitFor(() => expect(seen).toEqual([{ kind: 'pending', count: 2 }]));
    unsubscribe();
    runtime.emit({ type: 'sync:state-changed' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toHaveLength(1);
  });

  it('fails the state read when the background cannot be reached (the page then works locally)', async () => {
    const client = messageSyncClient(fakeRuntime({ 'sync:summary': new Error('Receiving end does not exist') }));
    await expect(client.state()).rejects.toThrow(/could not be reached/);
  });
});
