// A stand-in for Google Calendar's web page, served at https://calendar.google.com/ through
// Playwright's request routing, for end-to-end tests and the demo. It has the structure the
// extension relies on (see /work/shared/calendar-dom.md) and Calendar's kind of security headers:
// a strict nonce-based CSP and Trusted Types. The page's own script is ./app.js.
//
//   const site = await routeCalendarSite(context, { accountEmail, accountName, events });
//   const page = await context.newPage();
//   await page.goto(site.weekUrl);
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { BrowserContext, Route } from 'playwright-core';
import { encodeEventRef } from '../../src/domain/event-id';

export interface SiteGuest {
  email: string;
  displayName?: string;
  organizer?: boolean;
  resource?: boolean;
  responseStatus?: 'needsAction' | 'declined' | 'tentative' | 'accepted';
}

export interface SiteEvent {
  eventId: string;
  calendarId: string;
  title: string;
  /** ISO date-time; shown in the browser's time zone. */
  start: string;
  end: string;
  guests: SiteGuest[];
  description?: string;
}

export type SiteLocale = 'en' | 'fr' | 'de' | 'ja';

export interface CalendarSite {
  accountEmail: string;
  accountName: string;
  events: SiteEvent[];
  /** `<n>` of /calendar/u/<n>/ (default 0). */
  accountIndex?: number;
  /** Labels of the page (the Google bar's account label included). Default 'en'. */
  locale?: SiteLocale;
  /** Any day of the week to show, YYYY-MM-DD (default: this week). */
  weekOf?: string;
  /** The dialog's sections arrive after a random delay in this range, ms (default 50–150). */
  lazyDelayMs?: [min: number, max: number];
  /**
   * Where to serve it (default https://calendar.google.com). Another origin serves the same page
   * where the extension does not run: a baseline for measurements.
   */
  origin?: string;
}

export interface CalendarSiteHandle {
  readonly origin: string;
  /** https://calendar.google.com/calendar/u/<n>/r/week */
  readonly weekUrl: string;
  /** The full event page of an event: /calendar/u/<n>/r/eventedit/<eid>. */
  eventEditUrl(event: Pick<SiteEvent, 'eventId' | 'calendarId'>): string;
  /** The event's `data-eventid` / eid. */
  eid(event: Pick<SiteEvent, 'eventId' | 'calendarId'>): string;
  /** The CSP sent with the last page (its nonce changes per response). */
  readonly lastCsp: string | undefined;
  unroute(): Promise<void>;
}

export const CALENDAR_ORIGIN = 'https://calendar.google.com' as const;
const APP_PATH = '/_calendar-site/app.js';
const appSource = readFileSync(path.join(import.meta.dirname, 'app.js'), 'utf8');

/** Calendar's kind of policy: nonce'd scripts only, Trusted Types required, no plugins. */
export function contentSecurityPolicy(nonce: string): string {
  return [
    `script-src 'nonce-${nonce}' 'strict-dynamic' 'report-sample'`,
    `style-src 'nonce-${nonce}' 'report-sample'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `require-trusted-types-for 'script'`,
    // The page's own script needs no policy (DOM APIs only); the name is reserved for it.
    `trusted-types calendar-site`,
  ].join('; ');
}

export async function routeCalendarSite(context: BrowserContext, site: CalendarSite): Promise<CalendarSiteHandle> {
  const accountIndex = site.accountIndex ?? 0;
  const origin = site.origin ?? CALENDAR_ORIGIN;
  const eid = (event: Pick<SiteEvent, 'eventId' | 'calendarId'>) => encodeEventRef(event);
  let lastCsp: string | undefined;

  const handler = async (route: Route) => {
    const url = new URL(route.request().url());
    if (url.pathname === APP_PATH) {
      await route.fulfill({
        status: 200,
        headers: { 'content-type': 'text/javascript; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' },
        body: appSource,
      });
      return;
    }
    if (url.pathname === '/' || url.pathname === '/calendar' || url.pathname === '/calendar/') {
      await route.fulfill({ status: 302, headers: { location: `/calendar/u/${accountIndex}/r/week` } });
      return;
    }
    const page = /^\/calendar(?:\/u\/(\d+))?\/r(?:\/|$)/.exec(url.pathname);
    if (!page) {
      await route.fulfill({ status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' });
      return;
    }
    const nonce = randomBytes(16).toString('base64');
    lastCsp = contentSecurityPolicy(nonce);
    await route.fulfill({
      status: 200,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': lastCsp,
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'cross-origin-opener-policy': 'same-origin-allow-popups',
        'cache-control': 'no-cache, no-store, max-age=0, must-revalidate',
      },
      body: pageHtml(site, accountIndex, nonce, eid),
    });
  };

  await context.route(`${origin}/**`, handler);
  return {
    origin,
    weekUrl: `${origin}/calendar/u/${accountIndex}/r/week`,
    eventEditUrl: (event) => `${origin}/calendar/u/${accountIndex}/r/eventedit/${eid(event)}`,
    eid,
    get lastCsp() {
      return lastCsp;
    },
    unroute: () => context.unroute(`${origin}/**`, handler),
  };
}

function pageHtml(site: CalendarSite, accountIndex: number, nonce: string, eid: (event: SiteEvent) => string): string {
  const data = {
    accountEmail: site.accountEmail,
    accountName: site.accountName,
    accountIndex,
    locale: site.locale ?? 'en',
    weekOf: site.weekOf,
    lazyDelayMs: site.lazyDelayMs ?? [50, 150],
    events: site.events.map((event) => ({ ...event, eid: eid(event) })),
  };
  // JSON in a data block: `<` escaped so no text (titles with markup) can end the element.
  const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `<!doctype html>
<html lang="${site.locale ?? 'en'}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Google Calendar</title>
<style nonce="${nonce}">${STYLES}</style>
</head>
<body class="EIlDfe">
<script type="application/json" id="calendar-site-data">${json}</script>
<script nonce="${nonce}" src="${APP_PATH}"></script>
</body>
</html>`;
}

// Close to Calendar's light look: white, grey hairlines, Google Sans where installed, coloured chips.
const STYLES = `
*{box-sizing:border-box}
html,body{margin:0;height:100%;overflow:hidden;background:#fff;color:#3c4043;font:14px/20px "Google Sans",Roboto,system-ui,-apple-system,"Segoe UI",Arial,sans-serif}
header[role=banner]{height:64px;display:flex;align-items:center;justify-content:space-between;padding:0 16px 0 8px;border-bottom:1px solid #dadce0;background:#fff}
.gb-left,.gb-right{display:flex;align-items:center;gap:8px}
.gb-menu{width:48px;height:48px;display:flex;flex-direction:column;justify-content:center;align-items:center;gap:4px;border-radius:50%;cursor:pointer}
.gb-menu span{display:block;width:18px;height:2px;background:#5f6368}
.gb-logo{display:flex;align-items:center;gap:8px;text-decoration:none;color:#3c4043;padding-right:32px}
.gb-logo-mark{width:40px;height:40px;border-radius:6px;background:#fff;border:2px solid #1a73e8;border-top-width:8px;color:#1a73e8;font-weight:600;display:flex;align-items:center;justify-content:center}
.gb-logo-text{font-size:22px;line-height:28px;color:#3c4043}
.gb-today{border:1px solid #dadce0;border-radius:4px;padding:8px 16px;font-weight:500;cursor:pointer}
.gb-month{font-size:22px;line-height:28px;margin-left:16px}
.gb-account{display:flex;width:40px;height:40px;border-radius:50%;align-items:center;justify-content:center;text-decoration:none}
.gb-avatar{width:32px;height:32px;border-radius:50%;background:#1e8e3e;color:#fff;font-size:16px;display:flex;align-items:center;justify-content:center}
.shell{display:flex;height:calc(100% - 64px)}
.side-nav{width:256px;flex:none;padding:16px 8px 16px 16px}
.create{display:inline-flex;align-items:center;gap:12px;height:56px;padding:0 24px 0 16px;border-radius:16px;box-shadow:0 1px 2px 0 rgba(60,64,67,.3),0 1px 3px 1px rgba(60,64,67,.15);font-weight:500;cursor:pointer;margin-bottom:24px}
.create .plus{font-size:28px;color:#1a73e8}
.my-calendars{font-weight:500;margin:8px 0}
.calendar-entry{display:flex;align-items:center;gap:12px;padding:4px 0}
.calendar-entry .swatch{width:14px;height:14px;border-radius:3px;background:rgb(3,155,229)}
[role=main]{flex:1;min-width:0;display:flex;flex-direction:column;border-left:1px solid #dadce0}
[role=grid]{display:flex;flex-direction:column;height:100%}
.heads{display:flex;border-bottom:1px solid #dadce0;flex:none}
.gutter-head{width:56px;flex:none}
.day-head{flex:1;text-align:center;padding:8px 0}
.day-name{font-size:11px;font-weight:500;color:#70757a;letter-spacing:.8px}
.day-number{font-size:26px;line-height:46px;color:#3c4043}
.day-head.today .day-name{color:#1a73e8}
.day-head.today .day-number{color:#fff;background:#1a73e8;border-radius:50%;width:46px;margin:0 auto}
.scroller{flex:1;overflow-y:auto;display:flex;position:relative}
.gutter{width:56px;flex:none}
.hour{height:48px;font-size:10px;color:#70757a;text-align:right;padding-right:8px;transform:translateY(-7px)}
.days{flex:1;display:flex}
[role=gridcell]{flex:1;position:relative;border-left:1px solid #dadce0;height:1152px;background-image:linear-gradient(#dadce0 1px,transparent 1px);background-size:100% 48px}
[role=gridcell] h2{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);margin:0}
.day-column{position:absolute;inset:0 12px 0 0}
.chip{position:absolute;left:0;right:0;border-radius:4px;color:#fff;padding:2px 6px;font-size:12px;line-height:16px;overflow:hidden;cursor:pointer;border:1px solid #fff}
.chip .ynRLnc{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.chip-title{font-weight:500;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.rl4zqf{position:fixed;inset:0;pointer-events:none;z-index:100}
.rl4zqf>[role=dialog]{pointer-events:auto;position:fixed;background:#fff;border-radius:8px;box-shadow:0 24px 38px 3px rgba(0,0,0,.14),0 9px 46px 8px rgba(0,0,0,.12),0 11px 15px -7px rgba(0,0,0,.2);max-height:calc(100vh - 80px);overflow-y:auto;outline:none}
.rl4zqf>[role=dialog].leftover{display:none}
.toolbar{display:flex;justify-content:flex-end;gap:4px;padding:6px 6px 0}
.icon-button{width:40px;height:40px;border-radius:50%;display:flex;align-items:center;justify-content:center;color:#5f6368;cursor:pointer;font-size:18px}
.icon-button:hover{background:#f1f3f4}
.title-row{display:flex;gap:20px;padding:0 28px 12px}
.title-row .swatch{width:14px;height:14px;border-radius:4px;margin-top:8px;flex:none}
.title{font-size:22px;line-height:28px;color:#3c4043;display:block;word-break:break-word}
.when{color:#3c4043;margin-top:4px}
.section{padding:8px 28px 8px 62px}
.section-title{font-weight:500}
.section-sub{font-size:12px;color:#70757a}
.meet{display:inline-block;background:#1a73e8;color:#fff;border-radius:4px;padding:8px 16px;text-decoration:none;font-weight:500}
.guest{display:flex;align-items:center;gap:12px;padding:4px 0}
.avatar{width:28px;height:28px;border-radius:50%;color:#fff;display:flex;align-items:center;justify-content:center;font-size:13px;flex:none}
.declined{text-decoration:line-through}
.Jmftzc{font-size:12px;color:#70757a}
.description{white-space:pre-wrap;color:#3c4043}
.quick-create{padding-bottom:16px}
.quick-create input{display:block;margin:8px 28px;width:calc(100% - 56px);border:0;border-bottom:1px solid #dadce0;font:inherit;font-size:22px;padding:8px 0;outline:none}
.quick-create [role=tablist]{display:flex;gap:8px;padding:0 28px}
.quick-create [role=tab]{padding:6px 12px;border-radius:4px}
.quick-create [role=tab][aria-selected=true]{background:#e8f0fe;color:#1967d2}
.quick-create .when{padding:8px 28px}
.save{display:inline-block;margin:8px 28px 0 auto;background:#1a73e8;color:#fff;border-radius:4px;padding:8px 24px;font-weight:500;cursor:pointer}
.quick-create .save{float:right}
.event-page{padding:8px 16px;overflow:auto;height:100%}
.page-bar{display:flex;align-items:center;gap:16px}
.page-title{flex:1;max-width:720px;font:inherit;font-size:22px;border:0;border-bottom:1px solid #dadce0;padding:8px;background:#f1f3f4;outline:none}
.page-columns{display:flex;gap:32px;padding:16px 56px}
.page-left{flex:2}
.page-guests{flex:1;min-width:260px}
.page-guests input{width:100%;border:0;border-bottom:1px solid #dadce0;padding:8px 0;font:inherit;margin:8px 0;outline:none}
.page-when{margin-bottom:16px}
.page-description [role=textbox]{min-height:160px;border:1px solid #dadce0;border-radius:4px;padding:8px;white-space:pre-wrap}
`;

/**
 * A believable week for the demo and tests: the user's 1:1s (by guests, by title, recurring),
 * a stand-up, a big planning meeting, focus time. Times are in the browser's zone.
 */
export function sampleWeek(options: { accountEmail: string; accountName?: string; weekOf?: Date }): SiteEvent[] {
  const me = options.accountEmail;
  const myName = options.accountName ?? 'Me';
  const monday = new Date(options.weekOf ?? new Date());
  monday.setHours(0, 0, 0, 0);
  monday.setDate(monday.getDate() - ((monday.getDay() + 6) % 7));
  const at = (day: number, hour: number, minute = 0) =>
    new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + day, hour, minute).toISOString();
  const utcStamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const self = { email: me, displayName: myName, organizer: true, responseStatus: 'accepted' as const };
  const person = (displayName: string, email: string) => ({ email, displayName, responseStatus: 'accepted' as const });
  const team = ['Priya Natarajan', 'Tomás Ortega', 'Mei Chen', 'Jonas Weber', 'Amara Okafor'].map((name) =>
    person(name, `${name.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/\s+/g, '.')}@example.com`),
  );
  const danaStart = at(0, 10);
  return [
    { eventId: `6bq2l1s5hrm3c9n0v4jt1p8e2k_${utcStamp(danaStart)}`, calendarId: me, title: '1:1 Dana / ' + myName.split(' ')[0], start: danaStart, end: at(0, 10, 30), guests: [self, person('Dana Reyes', 'dana.reyes@example.com')], description: 'Weekly 1:1. Their 10 minutes, mine, the future.' },
    { eventId: 'stand0up1mon2x8q4w', calendarId: me, title: 'Team stand-up', start: at(0, 9, 30), end: at(0, 9, 45), guests: [self, ...team] },
    { eventId: 'alex1on1tue7k2m9p4', calendarId: me, title: 'Alex / ' + myName.split(' ')[0], start: at(1, 14), end: at(1, 14, 30), guests: [self, person('Alex Kim', 'alex.kim@example.com'), { email: 'c_18854fnv0a6s8h4dk1@resource.calendar.google.com', displayName: 'Berlin-4-Kiez (6)', resource: true }] },
    { eventId: 'planq3wed5n8r2t6y1', calendarId: me, title: 'Quarterly planning', start: at(2, 11), end: at(2, 12, 30), guests: [self, person('Dana Reyes', 'dana.reyes@example.com'), ...team] },
    { eventId: 'priya1on1wed4h7j0c', calendarId: me, title: 'Priya <> Me', start: at(2, 15), end: at(2, 15, 30), guests: [] },
    { eventId: 'focus0thu3b6n9m2q5', calendarId: me, title: 'Focus time', start: at(3, 9), end: at(3, 11), guests: [] },
    { eventId: 'mei1on1thu8d2f5g7h', calendarId: me, title: 'Weekly sync', start: at(3, 16), end: at(3, 16, 30), guests: [person('Mei Chen', 'mei.chen@example.com'), { ...self, organizer: false }] },
    { eventId: 'skip0fri1level3x5v', calendarId: me, title: 'Skip-level with Jordan', start: at(4, 13), end: at(4, 13, 45), guests: [{ ...person('Jordan Blake', 'jordan.blake@example.com'), organizer: true }, { ...self, organizer: false }] },
  ];
}
