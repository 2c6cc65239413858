import { defineBackground } from 'wxt/utils/define-background';
import { startOverdueBadge } from '../../src/background/badge';
import { startCalendarPageBackground } from '../../src/background/page-events';

// Wiring only: the service worker's parts (sync engine, badge, messaging) are attached here.
export default defineBackground(() => {
  startCalendarPageBackground();
  startOverdueBadge();
});
