// What the popup and the options page wire the same way: the context their actions write with,
// and re-reading what they show when another page, a sidebar or the sync engine says something
// changed.
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
