import { defineBackground } from 'wxt/utils/define-background';

// Wiring only: the service worker's parts (sync engine, badge, messaging) are attached here.
export default defineBackground(() => {});
