// Every selector 1:1 Companion uses on Google Calendar's page, each beside the page variants it
// serves (see /work/shared/calendar-dom.md). Google obfuscates class names and changes markup
// without notice: roles and `data-*` attributes come first; the ids (`#xDetDlg`, `#rAECCd`, …),
// `jsname` and class names observed in captured markup are second choices. Each entry is proved
// against the saved fixtures in test/fixtures/calendar/ by test/calendar-page/selectors.test.ts.
//
// Variants (fixture names):
//   popover   — the event detail dialog ("bubble"), captured 2026 (popover-*.html)
//   eventpage — the full event page /calendar/u/<n>/r/eventedit/<eid> (UNVERIFIED markup,
//               written from the same signals; eventpage-*.html)
//   quick     — the quick-create dialog (no event id; must be ignored)
//   leftover  — hidden transient dialogs Calendar leaves in the DOM (must be ignored)

/** Ordered alternatives: the first that matches wins. */
export type SelectorChoices = readonly string[];

export const SELECTORS = {
  /** popover, quick, leftover: every dialog-like layer. */
  dialog: '[role="dialog"]',

  /**
   * popover: the element carrying the encoded event reference. In the captured dialog it is the
   * inner `div#xDetDlg`, not the dialog itself; older variants put it on the dialog. Grid chips
   * carry it too (`[data-eventid][role="button"]`), which is why it is only looked for inside a
   * visible dialog.
   */
  eventIdHolder: '[data-eventid]',

  /** popover: second choice for the event body when `data-eventid` is missing from it. */
  eventDialogBody: '#xDetDlg',

  /**
   * popover: the title. First the element the dialog names as its label (`aria-labelledby`,
   * resolved by id in the reader), then the heading role, then the captured id.
   */
  dialogTitle: ['[role="heading"]', '#rAECCd'] as SelectorChoices,

  /** popover: the time row (no role or data attribute observed; captured id only). */
  dialogTime: ['#xDetDlgWhen'] as SelectorChoices,

  /**
   * popover, eventpage: the guest section has rendered. `#xDetDlgAtt` is the captured popover
   * section; a tree of guests or any guest row also says so.
   */
  guestSection: ['[role="tree"]', '#xDetDlgAtt'] as SelectorChoices,

  /**
   * popover: one row per guest is `[role="treeitem"][data-email]`; fallbacks seen in other
   * extensions: any `[data-email]`, a hovercard id that is an address, `jsname="xR2lFb"`.
   * eventpage (unverified): `[data-email]` rows.
   */
  guestRows: [
    '[role="treeitem"][data-email]',
    '[data-email]',
    '[data-hovercard-id*="@"]',
    '[jsname="xR2lFb"]',
  ] as SelectorChoices,

  /**
   * popover: the guest's display name is the text of a child span; the one observed class is
   * `.SDqFWd span` (second choice). The reader takes the first span with text that is not the
   * address or a status word, then this.
   */
  guestNameSpan: '.SDqFWd span',

  /**
   * All variants: the Google bar's account button, `aria-label="Google Account: Name (email)"`.
   * The label is localised ("Compte Google : …", "Google-Konto: …"), so the second choice is the
   * same button found by where it links (Google's account sign-out options).
   */
  accountButton: [
    '[aria-label^="Google Account:"]',
    'a[href*="accounts.google.com/SignOutOptions"][aria-label*="@"]',
    '[aria-label*="@"][href*="accounts.google.com"]',
  ] as SelectorChoices,

  /** eventpage (unverified): the page's main region. */
  main: '[role="main"]',

  /**
   * eventpage (unverified): the title input. First the main region's first labelled text input,
   * then the id seen in older markup.
   */
  eventPageTitle: [
    '[role="main"] input[aria-label]:not([type="hidden"]):not([type="checkbox"]):not([role="combobox"])',
    'input#xTiIn',
  ] as SelectorChoices,

  /**
   * popover: the dialog's close button, `#xDetDlgCloseBu` in the captured dialog (its
   * `aria-label="Close"` is localised; see CLOSE_WORDS for the fallback by label).
   */
  dialogCloseButton: ['#xDetDlgCloseBu'] as SelectorChoices,

  /** popover: the dialog's buttons, among which one labelled with a CLOSE_WORDS word closes it. */
  dialogButtons: '[role="button"][aria-label],button[aria-label]',

  /** All variants: Calendar's top bar, whose bottom edge is where the docked sidebar starts. */
  topBar: ['header[role="banner"]', '[role="banner"]'] as SelectorChoices,
} as const;

/** The sets the watcher tests added nodes against: cheap `matches` / `querySelector` checks. */
export const WATCH_SELECTORS = {
  /** An added subtree that is, or holds, a dialog or a guest row is worth a pass. */
  relevantAdded: '[role="dialog"],[data-email]',
  dialog: SELECTORS.dialog,
} as const;

/**
 * Words a guest row uses for "organiser", in the locales we know. Matched in the row's
 * `aria-label` and text; a row is never judged by English alone.
 */
export const ORGANIZER_WORDS: readonly string[] = [
  'organizer', 'organiser', // en
  'organisateur', 'organisatrice', // fr
  'organisator', 'organisatorin', // de, nl, sv, da, no
  'organizador', 'organizadora', // es, pt
  'organizzatore', 'organizzatrice', // it
  'organizator', 'organizátor', 'organizatorius', // pl, cs/sk, lt
  'организатор', 'організатор', // ru, uk
  'järjestäjä', 'szervező', 'düzenleyen', // fi, hu, tr
  '主催者', '주최자', '组织者', '組織者', '召集人', // ja, ko, zh
];

/**
 * The close button's label ("Close", or the locale's word), lower case, matched against a button's
 * whole `aria-label`. Seen in the captured dialogs: en, fr, de, ja (test/fixtures/calendar/); the
 * others are the usual words of Google's UIs, unverified here.
 */
export const CLOSE_WORDS: readonly string[] = [
  'close', // en
  'fermer', // fr
  'schließen', // de
  'cerrar', // es
  'fechar', // pt
  'chiudi', // it
  'sluiten', // nl
  'zamknij', // pl
  'zavřít', // cs
  'закрыть', 'закрити', // ru, uk
  'stäng', 'luk', 'lukk', 'sulje', // sv, da, no, fi
  'bezárás', 'kapat', // hu, tr
  '閉じる', '닫기', '关闭', '關閉', // ja, ko, zh
];

/**
 * Words for a declined invitation, where the page shows one on the guest's row. UNVERIFIED: no
 * captured markup shows how Calendar marks a declined guest; rows saying so in their label or
 * text are read as declined.
 */
export const DECLINED_WORDS: readonly string[] = [
  'declined', // en
  'refusé', 'refusée', 'a refusé', // fr
  'abgelehnt', // de
  'rechazado', 'rechazada', 'recusado', 'recusou', // es, pt
  'rifiutato', // it
  'odrzucono', 'odmítnuto', 'отклонено', 'отказался', // pl, cs, ru
  '辞退', '欠席', '거절', '已拒绝', '已拒絕', '拒絕', // ja, ko, zh
];

/** Addresses of rooms and other bookable resources. */
export const RESOURCE_DOMAIN = /@resource\.calendar\.google\.com$/i;

/** First element under `root` (or `root` itself) matching the first choice that matches. */
export function firstMatch(root: ParentNode, choices: SelectorChoices): Element | null {
  for (const selector of choices) {
    const found = root.querySelector(selector);
    if (found) return found;
  }
  return null;
}

/** All elements under `root` for the first choice that matches anything. */
export function allOfFirstMatch(root: ParentNode, choices: SelectorChoices): Element[] {
  for (const selector of choices) {
    const found = root.querySelectorAll(selector);
    if (found.length > 0) return [...found];
  }
  return [];
}
