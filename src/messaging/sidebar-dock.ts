// The sidebar page's other messages about its dock (see protocol.ts):
// - after the user marks an event ("not a 1:1", "treat as 1:1 with …", back to automatic), it
//   asks the background to decide again every dock showing that event, so the full sidebar and
//   the compact offer switch at once, in every tab;
// - while it shows the compact offer, it tells its host page how tall the offer is;
// - Escape pressed in it that no control there used asks the host page to close the dialog.
import {
  REDECIDE_MESSAGE,
  SIDEBAR_CLOSE_DIALOG_MESSAGE,
  SIDEBAR_SIZE_MESSAGE,
  type RedecideAnswer,
  type RedecideMessage,
  type SidebarCloseDialogMessage,
  type SidebarSizeMessage,
} from './protocol';

export interface RedecideRequest {
  account: string;
  eventId: string;
  seriesId?: string;
}

/**
 * Asks the background to decide the marked event again. Never throws: a background that did
 * not answer is an `ok: false` (the sidebar has already shown the result of the mark itself).
 */
export async function requestRedecide(
  sendMessage: (message: RedecideMessage) => Promise<unknown>,
  request: RedecideRequest,
): Promise<RedecideAnswer> {
  const message: RedecideMessage = {
    type: REDECIDE_MESSAGE,
    account: request.account,
    eventId: request.eventId,
    ...(request.seriesId === undefined ? {} : { seriesId: request.seriesId }),
  };
  try {
    const answer = (await sendMessage(message)) as RedecideAnswer | undefined;
    if (typeof answer !== 'object' || answer === null || typeof answer.ok !== 'boolean') {
      return { ok: false, error: 'the extension\'s background did not answer' };
    }
    return answer;
  } catch (error) {
    return { ok: false, error: String(error) };
  }
}

interface ResizeObserverLike {
  observe(target: Element): void;
  disconnect(): void;
}

export interface HeightReportOptions {
  /** The embedding page; the parent window by default (none when this page is not in a frame). */
  hostWindow?: Pick<Window, 'postMessage'> | null;
  ResizeObserver?: new (callback: () => void) => ResizeObserverLike;
}

/** The embedding page's window: the given one, else the parent when this page is in a frame. */
function embeddingWindow(given: Pick<Window, 'postMessage'> | null | undefined): Pick<Window, 'postMessage'> | null {
  if (given !== undefined) return given;
  return globalThis.window !== undefined && window.parent !== window ? window.parent : null;
}

/**
 * Posts the element's height to the embedding page now and whenever it changes (the offer
 * expanding or collapsing). Only a number, so '*' as the target origin gives nothing away that
 * the page could not measure itself. Returns the function that stops it.
 */
export function reportDockHeight(element: Element, options: HeightReportOptions = {}): () => void {
  const hostWindow = embeddingWindow(options.hostWindow);
  if (hostWindow === null) return () => {};
  let last = -1;
  const post = () => {
    const height = Math.ceil(element.getBoundingClientRect().height);
    if (height === last || height <= 0) return;
    last = height;
    try {
      hostWindow.postMessage({ type: SIDEBAR_SIZE_MESSAGE, height } satisfies SidebarSizeMessage, '*');
    } catch {
      // the host page went away
    }
  };
  const Observer = options.ResizeObserver ?? globalThis.ResizeObserver;
  post();
  if (Observer === undefined) return () => {};
  const observer = new Observer(post);
  observer.observe(element);
  return () => observer.disconnect();
}

export interface EscapeCloseOptions {
  /** Saves what is typed; called before the host page is asked to close the dialog. */
  beforeClose?: () => void;
  /** The embedding page; the parent window by default (none when this page is not in a frame). */
  hostWindow?: Pick<Window, 'postMessage'> | null;
}

/**
 * Escape pressed anywhere in the sidebar page: the keystroke went to the sidebar's iframe, so
 * Calendar never saw it and its dialog would stay open. Unless a control in the sidebar used it
 * (an open menu, an inline edit, the offer's expander, the undo toast: they call preventDefault),
 * what is typed is saved and the host page is asked to close the dialog (the content script does
 * so only beside a dialog, never on the full event page). Heard on the way up (bubbling), after
 * the controls. Only a request with no data, so '*' as the target origin gives nothing away.
 * Returns the function that stops listening.
 */
export function closeDialogOnEscape(target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>, options: EscapeCloseOptions = {}): () => void {
  const hostWindow = embeddingWindow(options.hostWindow);
  if (hostWindow === null) return () => {};
  const onKeyDown = (event: Event) => {
    const key = event as KeyboardEvent;
    if (key.key !== 'Escape' || key.defaultPrevented || key.isComposing) return;
    key.preventDefault();
    try {
      options.beforeClose?.();
    } finally {
      try {
        hostWindow.postMessage({ type: SIDEBAR_CLOSE_DIALOG_MESSAGE } satisfies SidebarCloseDialogMessage, '*');
      } catch {
        // the host page went away
      }
    }
  };
  target.addEventListener('keydown', onKeyDown);
  return () => target.removeEventListener('keydown', onKeyDown);
}
