import { defineBackground } from 'wxt/utils/define-background';
import { startOverdueBadge } from '../../src/background/badge';
import { startCalendarPageBackground } from '../../src/background/page-events';
import { createStoragePageEventProvider } from '../../src/background/storage-page-events';
import { startSyncBackground } from '../../src/background/sync-wiring';
import { startSidebarStorage } from '../../src/app/sidebar/background';

// Wiring only: the service worker's parts (sync engine, badge, messaging) are attached here.
export default defineBackground(() => {
  startCalendarPageBackground(createStoragePageEventProvider());
  startOverdueBadge();
  const sync = startSyncBackground();
  startSidebarStorage({ syncChanged: sync.changed });
});
