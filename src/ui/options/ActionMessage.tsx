import type { ActionState } from './use-action';

/**
 * The answer to what the user just did, next to where they did it: a refusal as an alert (read
 * out at once), a confirmation as a polite status. Renders nothing while idle or busy, unless
 * `busyText` is given.
 */
export function ActionMessage({ state, id, busyText }: { state: ActionState; id?: string; busyText?: string }) {
  if (state.kind === 'refused') {
    return (
      <p id={id} class="occ-field-error" role="alert">
        {state.message}
      </p>
    );
  }
  if (state.kind === 'done' && state.message) {
    return (
      <p id={id} class="occ-field-note" role="status">
        {state.message}
      </p>
    );
  }
  if (state.kind === 'busy' && busyText) {
    return (
      <p id={id} class="occ-field-note" role="status">
        {busyText}
      </p>
    );
  }
  return null;
}

/** aria-describedby / aria-invalid for a field whose action state may hold a refusal. */
export function fieldErrorProps(state: ActionState, id: string): { 'aria-invalid'?: 'true'; 'aria-describedby'?: string } {
  return state.kind === 'refused' ? { 'aria-invalid': 'true', 'aria-describedby': id } : {};
}
