/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly WXT_CALENDAR_API_URL?: string;
  readonly WXT_TEST_ACCESS_TOKEN?: string;
  readonly WXT_GOOGLE_CLIENT_ID?: string;
  readonly WXT_EXTENSION_KEY?: string;
}
