import type { RefObject } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import './theme.css';

/**
 * Where a caret at `caret` in `oldText` belongs once the text became `newText`: unchanged when
 * the edit was after it, shifted by the length difference when the edit was before it, and at
 * the end of the changed stretch when it was inside it. The change is taken to be one stretch
 * (common prefix and suffix kept), which is what a remote edit or a template insertion is.
 */
export function caretAfterReplace(oldText: string, newText: string, caret: number): number {
  const max = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  ) {
    suffix++;
  }
  const position = Math.max(0, Math.min(caret, oldText.length));
  if (position <= prefix) return position;
  if (position >= oldText.length - suffix) return position + (newText.length - oldText.length);
  return newText.length - suffix;
}

/** Lets a parent change the text as if the user had (e.g. inserting a template). */
export interface NotesTextareaController {
  /** Replaces the whole text, reports it through onInput, focuses, and puts the caret at `caret` (default: end). */
  replaceText(text: string, caret?: number): void;
  /** The text the box shows now (may be ahead of `value` while the wiring catches up). */
  getText(): string;
  focus(): void;
}

export interface NotesTextareaProps {
  /** Element id; label it with `<label for={id}>`. */
  id: string;
  /** The text as the wiring holds it (see the component's comment for how updates apply). */
  value: string;
  /** Every change the user makes, with the whole new text. */
  onInput: (text: string) => void;
  /** Ids of elements describing the box (e.g. the save indicator). */
  describedBy?: string;
  /** While the stored text is still loading: not editable, marked busy. */
  loading?: boolean;
  placeholder?: string;
  rows?: number;
  class?: string;
  /** Receives the controller once mounted (null after unmount). */
  controllerRef?: RefObject<NotesTextareaController | null>;
}

/** Own texts sent through onInput whose echo has not come back yet; bounded in case echoes never come. */
const MAX_PENDING_ECHOES = 200;

/**
 * A `<textarea>` driven by props that never fights the person typing in it.
 *
 * The DOM holds the text; props are applied in a layout effect, not as a controlled `value`:
 * - a `value` equal to what the box shows changes nothing (caret, selection and scroll stay);
 * - a `value` that is an echo of an earlier keystroke of ours (the wiring saved "ab" while the
 *   user has typed "abc") is ignored: the box is ahead, and its newer text is on its way;
 * - any other `value` (another tab's newer text, which the wiring only passes when it decides
 *   to) replaces the text, keeping the caret where it was relative to the unchanged text and
 *   keeping the scroll position.
 */
export function NotesTextarea(props: NotesTextareaProps) {
  const { id, value, describedBy, loading = false, placeholder, rows = 6, controllerRef } = props;
  const ref = useRef<HTMLTextAreaElement>(null);
  const pendingEchoes = useRef<string[]>([]);
  const onInputRef = useRef(props.onInput);
  onInputRef.current = props.onInput;

  const emit = (text: string) => {
    const pending = pendingEchoes.current;
    pending.push(text);
    if (pending.length > MAX_PENDING_ECHOES) pending.splice(0, pending.length - MAX_PENDING_ECHOES);
    onInputRef.current(text);
  };

  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    const pending = pendingEchoes.current;
    // The oldest match: with "a", "", "a" typed, the first echo "a" must not swallow the "".
    const echoAt = pending.indexOf(value);
    if (echoAt >= 0) {
      pending.splice(0, echoAt + 1);
      return;
    }
    pending.length = 0;
    if (box.value === value) return;
    // Inside a shadow root the document's activeElement is the host; ask the box's own root.
    const focused = (box.getRootNode() as Document | ShadowRoot).activeElement === box;
    const start = box.selectionStart;
    const end = box.selectionEnd;
    const scrollTop = box.scrollTop;
    const old = box.value;
    box.value = value;
    if (focused) {
      box.setSelectionRange(caretAfterReplace(old, value, start), caretAfterReplace(old, value, end));
    }
    box.scrollTop = scrollTop;
  }, [value]);

  useLayoutEffect(() => {
    if (!controllerRef) return undefined;
    controllerRef.current = {
      replaceText(text: string, caret?: number) {
        const box = ref.current;
        if (!box) return;
        box.value = text;
        box.focus();
        const at = caret === undefined ? text.length : Math.max(0, Math.min(caret, text.length));
        box.setSelectionRange(at, at);
        emit(text);
      },
      getText() {
        return ref.current?.value ?? '';
      },
      focus() {
        ref.current?.focus();
      },
    };
    return () => {
      controllerRef.current = null;
    };
  }, [controllerRef]);

  return (
    <textarea
      ref={ref}
      id={id}
      class={props.class === undefined ? 'occ-textarea' : `occ-textarea ${props.class}`}
      rows={rows}
      placeholder={placeholder}
      aria-describedby={describedBy}
      readOnly={loading}
      aria-busy={loading ? 'true' : undefined}
      spellcheck
      onInput={(event) => emit(event.currentTarget.value)}
    />
  );
}
