import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startCalendarPage } from '../../src/calendar-page/content';

// Wiring only: watches Google Calendar for an open 1:1 (or group event) and docks the sidebar beside it.
export default defineContentScript({
  matches: ['https://calendar.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    startCalendarPage({
      context: ctx,
      runtime: {
        get id() {
          return browser.runtime?.id;
        },
        sendMessage: (message) => browser.runtime.sendMessage(message),
        connect: (info) => browser.runtime.connect(info),
        onMessage: browser.runtime.onMessage,
        // Typed loosely: WXT's generated PublicPath types (.wxt/) are not part of this type check.
        sidebarPageUrl: () => (browser.runtime as unknown as { getURL(path: string): string }).getURL('/sidebar.html'),
      },
    });
  },
});
