// The build-time settings as the bundles see them. Vite replaces each import.meta.env.WXT_* with a
// literal at build time, so a build made without WXT_TEST_ACCESS_TOKEN carries `undefined` here
// and every branch that would use a test token is removed from the bundle.
import { GOOGLE_CALENDAR_API_URL } from './build-settings-node';

export const calendarApiUrl: string = import.meta.env.WXT_CALENDAR_API_URL || GOOGLE_CALENDAR_API_URL;

export const testAccessToken: string | undefined = import.meta.env.WXT_TEST_ACCESS_TOKEN || undefined;

export const googleClientId: string | undefined = import.meta.env.WXT_GOOGLE_CLIENT_ID || undefined;
