// The background's Calendar-page wiring, called from entrypoints/background/index.ts.
import { browser } from 'wxt/browser';
import {
  createInMemoryPageEventProvider,
  startCalendarPageHub,
  type CalendarPageHub,
  type HubRuntime,
  type PageEventProvider,
  type PendingUpdateFlag,
} from './page-events';

const PENDING_UPDATE_KEY = 'calendarPage.updatePending';

/** storage.session survives service-worker restarts (not browser restarts, where it is moot). */
function sessionPendingUpdateFlag(): PendingUpdateFlag | undefined {
  const session = browser.storage?.session;
  if (session === undefined) return undefined;
  return {
    load: async () => (await session.get(PENDING_UPDATE_KEY))[PENDING_UPDATE_KEY] === true,
    save: async (pending) => session.set({ [PENDING_UPDATE_KEY]: pending }),
  };
}

/** Starts answering Calendar's content scripts and sidebars. The provider is storage-backed later. */
export function startCalendarPageBackground(provider: PageEventProvider = createInMemoryPageEventProvider()): CalendarPageHub {
  const pendingUpdate = sessionPendingUpdateFlag();
  return startCalendarPageHub(browser.runtime as unknown as HubRuntime, {
    provider,
    ...(pendingUpdate === undefined ? {} : { pendingUpdate }),
  });
}
