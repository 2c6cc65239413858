// Reads the build-time settings from the build's environment (Node side: wxt.config.ts and tests).
// The bundles see the same values through import.meta.env; see build-settings.ts.

export interface BuildSettings {
  /** Base URL of Calendar API v3, no trailing slash. */
  calendarApiUrl: string;
  /** Origin of calendarApiUrl when it is not Google's (test builds), else undefined. */
  calendarApiOrigin: string | undefined;
  /** Only in test builds: a bearer token used instead of the browser's identity API. */
  testAccessToken: string | undefined;
  googleClientId: string | undefined;
  extensionKey: string | undefined;
}

export const GOOGLE_CALENDAR_API_URL = 'https://www.googleapis.com/calendar/v3';

export function readBuildSettings(env: Record<string, string | undefined>): BuildSettings {
  const rawUrl = env.WXT_CALENDAR_API_URL?.trim();
  let calendarApiUrl = GOOGLE_CALENDAR_API_URL;
  let calendarApiOrigin: string | undefined;
  if (rawUrl) {
    let parsed: URL;
    try {
      parsed = new URL(rawUrl);
    } catch {
      throw new Error(`WXT_CALENDAR_API_URL is not a URL: ${rawUrl}`);
    }
    if (rawUrl.endsWith('/')) throw new Error('WXT_CALENDAR_API_URL must not end with "/"');
    calendarApiUrl = rawUrl;
    if (parsed.origin !== 'https://www.googleapis.com') calendarApiOrigin = parsed.origin;
  }
  return {
    calendarApiUrl,
    calendarApiOrigin,
    testAccessToken: env.WXT_TEST_ACCESS_TOKEN?.trim() || undefined,
    googleClientId: env.WXT_GOOGLE_CLIENT_ID?.trim() || undefined,
    extensionKey: env.WXT_EXTENSION_KEY?.trim() || undefined,
  };
}
