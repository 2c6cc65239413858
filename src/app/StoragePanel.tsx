// What a page shows instead of a blank when storage cannot be read: the reason in a sentence
// (storage's describeStorageError or an interruption's message) and a way to try again.
import type { ComponentChildren } from 'preact';

export function StorageProblem({ message, onReload, children }: { message: string; onReload: () => void; children?: ComponentChildren }) {
  return (
    <div class="occ-banner occ-banner--error" role="alert">
      <div class="occ-banner__text">
        <p>{message}</p>
        {children}
      </div>
      <button type="button" class="occ-button" onClick={onReload}>
        Reload
      </button>
    </div>
  );
}
