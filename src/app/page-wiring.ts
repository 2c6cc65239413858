// What the popup and the options page wire the same way: the context their actions write with,
// re-reading what they show when another page, a sidebar or the sync engine says something
// changed, and signing in and out.
import { useEffect } from 'preact/hooks';
import { changesOverdue } from '../background/badge';
import type { CompanionDb, StorageMessage } from '../storage';
import type { ActionContext } from './action-context';
import { refreshesPage, type PageEnvironment } from './page-environment';

/**
 * The actions' context for an open account: notices go to the other pages (and recount the badge
 * when who is overdue may change), changed meetings to the sync engine. `afterNotice` runs after
 * each notice (the popup re-reads then; the options page re-reads after each action instead).
 */
export function pageActionContext(env: PageEnvironment, db: CompanionDb, afterNotice?: () => void): ActionContext {
  return {
    db,
    now: env.now,
    meetingChanged: (meetingId: string) => void env.sync?.meetingChanged(db.account, meetingId).catch(() => {}),
    notify: (message: StorageMessage) => {
      env.channel.post(message);
      if (changesOverdue(message)) env.refreshBadge();
      afterNotice?.();
    },
  };
}

/** Notices arriving together (an import, a sync pass) cause one re-read. */
const REFRESH_DELAY_MS = 100;

/** Calls `reload` shortly after another page's notice or a sync change (see refreshesPage). */
export function useLiveRefresh(env: PageEnvironment, reload: () => unknown, showsNotes: boolean): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => void reload(), REFRESH_DELAY_MS);
    };
    const unsubscribeChannel = env.channel.subscribe((message) => {
      if (refreshesPage(message, showsNotes)) soon();
    });
    const unsubscribeSync = env.sync?.subscribe(() => soon());
    return () => {
      if (timer !== undefined) clearTimeout(timer);
      unsubscribeChannel();
      unsubscribeSync?.();
    };
  }, [env, reload, showsNotes]);
}

export interface SyncCallbacks {
  onSignIn: () => void;
  onSignOut: () => void;
  onRetrySync?: () => void;
}

/**
 * Sign in (`setSigningIn` says so while Google's page is open), sign out, and, after a failed
 * sync, retry; the page re-reads once the engine answered. Nothing to sign in with: no engine.
 */
export function syncCallbacks(env: PageEnvironment, reload: () => unknown, setSigningIn: (signingIn: boolean) => void, syncFailed: boolean): SyncCallbacks {
  const sync = env.sync;
  return {
    onSignIn: () => {
      if (!sync) return;
      setSigningIn(true);
      void sync
        .signIn()
        .catch(() => undefined)
        .finally(() => setSigningIn(false));
    },
    onSignOut: () => void sync?.signOut().finally(() => void reload()),
    ...(sync && syncFailed ? { onRetrySync: () => void sync.retry().finally(() => void reload()) } : {}),
  };
}
