// @vitest-environment happy-dom
// The popup and options page containers with a fake browser environment over fake-indexeddb:
// the states a user can meet (no account, data, a storage failure) and where buttons lead.
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountSyncClient, AccountSyncState } from '../../src/app/account-sync';
import { OptionsPageContainer } from '../../src/app/options-page';
import type { PageEnvironment } from '../../src/app/page-environment';
import { meetingUrl } from '../../src/app/links';
import { PopupPage } from '../../src/app/popup-page';
import { deleteCompanionDb, META_DB_NAME, openCompanionDb, putMeetings, putPerson, putSettings, setCurrentAccount, type StorageMessage } from '../../src/storage';
import { ACCOUNT, DAY_MS, freshDb, meeting, person, settings } from './fixtures';

const NOW = Date.UTC(2025, 10, 20, 15, 0);

function fakeChannel() {
  const listeners = new Set<(message: StorageMessage) => void>();
  const posted: StorageMessage[] = [];
  return {
    posted,
    post: (message: StorageMessage) => void posted.push(message),
    subscribe: (listener: (message: StorageMessage) => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    /** A notice from another page. */
    deliver: (message: StorageMessage) => listeners.forEach((listener) => listener(message)),
  };
}

function fakeSync(state: AccountSyncState): AccountSyncClient & { signIn: ReturnType<typeof vi.fn> } {
  return {
    state: async () => state,
    signIn: vi.fn(async () => ({ ok: true as const })),
    signOut: async () => {},
    retry: async () => {},
    meetingChanged: async () => {},
    subscribe: () => () => {},
  };
}

function environment(overrides: Partial<PageEnvironment> = {}) {
  const opened: string[] = [];
  const channel = fakeChannel();
  const env: PageEnvironment & { opened: string[]; channel: ReturnType<typeof fakeChannel>; closed: number } = {
    now: () => NOW,
    channel,
    openTab: (url) => void opened.push(url),
    extensionUrl: (path) => `chrome-extension://test${path}`,
    refreshBadge: () => {},
    saveFile: () => {},
    closeWindow: () => void env.closed++,
    opened,
    closed: 0,
    ...overrides,
  } as PageEnvironment & { opened: string[]; channel: ReturnType<typeof fakeChannel>; closed: number };
  return env;
}

let container: HTMLElement;
beforeEach(async () => {
  container = document.createElement('div');
  document.body.append(container);
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(META_DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
  });
  await deleteCompanionDb(ACCOUNT);
});
afterEach(() => {
  render(null, container);
  container.remove();
  vi.restoreAllMocks();
});

const text = () => container.textContent?.replace(/\s+/g, ' ') ?? '';
function button(name: string | RegExp): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((b) =>
    typeof name === 'string' ? (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name : name.test(b.getAttribute('aria-label') ?? b.textContent ?? ''),
  );
  if (!found) throw new Error(`no button ${String(name)} in: ${text()}`);
  return found;
}

async function seedOverdueDana(): Promise<void> {
  const db = await freshDb();
  await putSettings(db, settings());
  await putPerson(db, person('dana@example.com', { displayName: 'Dana Reyes' }));
  await putMeetings(db, [meeting('email:dana@example.com', NOW - 9 * DAY_MS)]);
  db.close();
  await setCurrentAccount(ACCOUNT, NOW);
}

describe('PopupPage', () => {
  it('with no account and no engine, says to sign in', async () => {
    render(<PopupPage env={environment()} />, container);
    await vi.waitFor(() => expect(text()).toMatch(/Sign in to read your calendar; notes still work locally\./));
    expect(text()).not.toMatch(/Overdue/);
  });

  it('shows the overdue direct, and its buttons lead to the person page and to Calendar', async () => {
    await seedOverdueDana();
    const env = environment({ sync: fakeSync({ account: { state: 'signed-in', account: ACCOUNT }, sync: { kind: 'synced', at: NOW - 60_000 } }) });
    render(<PopupPage env={env} />, container);
    await vi.waitFor(() => expect(text()).toMatch(/Dana Reyes — 9 days since your last 1:1/));
    expect(text()).toMatch(/Signed in as me@example.com/);
    expect(text()).toMatch(/Synced at 14:59/);
    // Nothing booked: the row schedules one; "History" opens the person's page.
    button(/^Dana Reyes/).click();
    button('History with Dana Reyes').click();
    expect(env.opened).toEqual([
      'https://calendar.google.com/calendar/r/eventedit?text=1%3A1&add=dana%40example.com',
      'chrome-extension://test/options.html#person=email%3Adana%40example.com',
    ]);
    expect(env.closed).toBe(2);
  });

  it('an overdue direct with a 1:1 booked: the row opens that event in Calendar', async () => {
    await seedOverdueDana();
    const db = await openCompanionDb(ACCOUNT);
    const booked = meeting('email:dana@example.com', NOW + 2 * DAY_MS, { eventId: 'booked1' });
    await putMeetings(db, [booked]);
    db.close();
    const env = environment({ sync: fakeSync({ account: { state: 'signed-in', account: ACCOUNT }, sync: { kind: 'synced', at: NOW - 60_000 } }) });
    render(<PopupPage env={env} />, container);
    await vi.waitFor(() => expect(text()).toMatch(/Dana Reyes — 9 days since your last 1:1 — next: Sat 22 Nov, 15:00/));
    expect(text()).not.toMatch(/Schedule/);
    button(/^Dana Reyes/).click();
    await vi.waitFor(() => expect(env.opened).toEqual([meetingUrl(booked)]));
    expect(env.opened[0]).toMatch(/^https:\/\/calendar\.google\.com\/calendar\/r\/eventedit\/[A-Za-z0-9_-]+$/);
  });

  it('re-reads when another page says people changed', async () => {
    await seedOverdueDana();
    const env = environment();
    render(<PopupPage env={env} />, container);
    await vi.waitFor(() => expect(text()).toMatch(/Dana Reyes — 9 days/));
    // Another page sets the cadence to 14 days and posts its notice.
    const { openCompanionDb, getPerson } = await import('../../src/storage');
    const other = await openCompanionDb(ACCOUNT);
    const dana = person('dana@example.com', { displayName: 'Dana Reyes', cadenceDays: 14 });
    await putPerson(other, dana);
    expect((await getPerson(other, dana.id))?.cadenceDays).toBe(14);
    other.close();
    env.channel.deliver({ type: 'people-changed', account: ACCOUNT, ids: [dana.id] });
    await vi.waitFor(() => expect(text()).toMatch(/No one is overdue/));
  });

  it('shows the storage failure as a sentence with a way to reload, never a blank page', async () => {
    vi.spyOn(indexedDB, 'open').mockImplementation(() => {
      throw new DOMException('The database connection is closing.', 'InvalidStateError');
    });
    render(<PopupPage env={environment()} />, container);
    await vi.waitFor(() => expect(container.querySelector('[role="alert"]')?.textContent).toMatch(/Storage is closed/));
    expect(button('Reload')).toBeTruthy();
  });

  it('asks the engine to sign in', async () => {
    const sync = fakeSync({ account: { state: 'signed-out', reason: 'x' }, sync: { kind: 'signed-out', reason: 'x' } });
    render(<PopupPage env={environment({ sync })} />, container);
    await vi.waitFor(() => expect(text()).toMatch(/Sign in to read your calendar/));
    button('Sign in').click();
    expect(sync.signIn).toHaveBeenCalledTimes(1);
  });
});

describe('OptionsPageContainer', () => {
  it('opens the section named in the hash and refuses writes before there is an account', async () => {
    location.hash = '#settings';
    render(<OptionsPageContainer env={environment()} />, container);
    await vi.waitFor(() => expect(container.querySelector('[role="tab"][aria-selected="true"]')?.textContent).toBe('Settings'));
    const checkbox = container.querySelector<HTMLInputElement>('input[type="checkbox"]');
    expect(checkbox).toBeTruthy();
    checkbox!.click();
    await vi.waitFor(() => expect(text()).toMatch(/No account yet: sign in with Google \(Account & sync\), or import a backup, first\./));
  });

  it('re-reads when another page says people changed, but not for a sidebar\'s note saves (the People list shows no notes)', async () => {
    await seedOverdueDana();
    location.hash = '#people';
    const env = environment();
    render(<OptionsPageContainer env={env} />, container);
    await vi.waitFor(() => expect(text()).toMatch(/Dana Reyes/));
    expect(text()).not.toMatch(/Dana Renamed/);
    const other = await openCompanionDb(ACCOUNT);
    const dana = person('dana@example.com', { displayName: 'Dana Renamed' });
    await putPerson(other, dana);
    other.close();
    env.channel.deliver({ type: 'note-saved', account: ACCOUNT, noteId: 'n', meetingId: 'm', revision: 2 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(text()).not.toMatch(/Dana Renamed/);
    env.channel.deliver({ type: 'people-changed', account: ACCOUNT, ids: [dana.id] });
    await vi.waitFor(() => expect(text()).toMatch(/Dana Renamed/));
  });

  it('shows a person page from the hash with their history', async () => {
    await seedOverdueDana();
    location.hash = '#person=email%3Adana%40example.com';
    render(<OptionsPageContainer env={environment()} />, container);
    await vi.waitFor(() => expect(container.querySelector('h2')?.textContent).toBe('Dana Reyes'));
    expect(text()).toMatch(/Direct · Frontline · every 7 days/);
    expect(text()).toMatch(/HistorySearch this history1 1:1Tue 11 Nov 15:00–15:30Held/);
  });
});
