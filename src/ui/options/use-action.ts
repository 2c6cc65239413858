import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ActionResult } from './view-model';

/** Where one action of a form stands. */
export type ActionState =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'done'; message?: string }
  | { kind: 'refused'; message: string };

/** A thrown or rejected callback, as words for the user. */
export function failureMessage(error: unknown): string {
  const detail = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return detail === '' ? 'Something went wrong.' : `Something went wrong: ${detail}`;
}

/**
 * Runs a callback that may refuse (see ActionResult) and keeps its answer for the form to show.
 * `run` resolves to true when the action was done, so a form knows to reset; it never rejects.
 * Answers that arrive after the component is gone are dropped.
 */
export function useAction<Args extends unknown[]>(
  action: (...args: Args) => ActionResult,
): { state: ActionState; run: (...args: Args) => Promise<boolean>; reset: () => void; setRefused: (message: string) => void } {
  const [state, setState] = useState<ActionState>({ kind: 'idle' });
  const mounted = useRef(true);
  const actionRef = useRef(action);
  actionRef.current = action;
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const set = (next: ActionState) => {
    if (mounted.current) setState(next);
  };
  const run = useCallback(async (...args: Args): Promise<boolean> => {
    set({ kind: 'busy' });
    try {
      const answer = await actionRef.current(...args);
      if (answer && !answer.ok) {
        set({ kind: 'refused', message: answer.message });
        return false;
      }
      set(answer?.message === undefined ? { kind: 'done' } : { kind: 'done', message: answer.message });
      return true;
    } catch (error) {
      set({ kind: 'refused', message: failureMessage(error) });
      return false;
    }
  }, []);
  const reset = useCallback(() => set({ kind: 'idle' }), []);
  const setRefused = useCallback((message: string) => set({ kind: 'refused', message }), []);
  return { state, run, reset, setRefused };
}
