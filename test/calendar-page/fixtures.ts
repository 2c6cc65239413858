// Loads the saved Calendar page fixtures (test/fixtures/calendar/*.html) into happy-dom.
// Each fixture names the URL it was "seen" at in <meta name="fixture-url"> and its variant in
// <meta name="fixture-variant">.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const fixtureDir = path.resolve(import.meta.dirname, '../fixtures/calendar');

export function fixtureNames(): string[] {
  return readdirSync(fixtureDir).filter((name) => name.endsWith('.html')).sort();
}

export function fixtureHtml(name: string): string {
  return readFileSync(path.join(fixtureDir, name), 'utf8');
}

export function fixtureUrl(name: string): string {
  const match = /<meta name="fixture-url" content="([^"]+)">/.exec(fixtureHtml(name));
  if (!match) throw new Error(`${name} has no fixture-url`);
  return match[1]!.replace(/&amp;/g, '&');
}

/** A detached Document parsed from the fixture (for readers). */
export function parseFixture(name: string): Document {
  return new DOMParser().parseFromString(fixtureHtml(name), 'text/html');
}

/**
 * Puts the fixture into the test's live `document` (for the watcher and the dock): the URL is set
 * to the fixture's, the body and head replaced. Test code only: a fixture is trusted markup.
 */
export function mountFixture(name: string): { url: string } {
  const url = fixtureUrl(name);
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
  const parsed = parseFixture(name);
  document.documentElement.setAttribute('lang', parsed.documentElement.getAttribute('lang') ?? 'en');
  document.body.replaceWith(document.importNode(parsed.body, true));
  return { url };
}

/** The fixture's body markup for one element (test code: to add a later-rendered section). */
export function fixtureElement(name: string, selector: string): Element {
  const found = parseFixture(name).querySelector(selector);
  if (!found) throw new Error(`${name} has no ${selector}`);
  return document.importNode(found, true);
}

/**
 * happy-dom has no layout: every element reports one client rect. Real Chromium reports none for
 * an element that is not rendered (display: none on it or an ancestor). This stands in for the
 * layout engine, reading inline `display: none` only, as the fixtures write it.
 */
export function emulateLayout(): () => void {
  const original = Element.prototype.getClientRects;
  Element.prototype.getClientRects = function (this: Element) {
    for (let node: Element | null = this; node; node = node.parentElement) {
      if ((node as HTMLElement).style?.display === 'none') return [] as unknown as DOMRectList;
    }
    return original.call(this);
  };
  return () => {
    Element.prototype.getClientRects = original;
  };
}

/**
 * happy-dom does not load iframes (and says so on the console for each one): the dock's iframe
 * points at chrome-extension://, which only a real browser serves. This lets happy-dom "load"
 * every iframe as an empty page instead.
 */
export function serveBlankIframes(): () => void {
  const settings = (window as unknown as {
    happyDOM: { settings: { enableIframePageLoading: boolean; fetch: { interceptor: unknown } } };
  }).happyDOM.settings;
  const before = { enable: settings.enableIframePageLoading, interceptor: settings.fetch.interceptor };
  settings.enableIframePageLoading = true;
  settings.fetch.interceptor = {
    beforeAsyncRequest: async () => new Response('<!doctype html><title>blank</title>', { headers: { 'content-type': 'text/html' } }),
  };
  return () => {
    settings.enableIframePageLoading = before.enable;
    settings.fetch.interceptor = before.interceptor;
  };
}
