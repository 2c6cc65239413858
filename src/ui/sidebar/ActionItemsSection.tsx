import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { formatDayWithRelative, isBeforeDay } from '../shared/relative-date';
import type { UndoToastItem } from '../shared/UndoToast';
import { UndoToast, UNDO_WINDOW_MS } from '../shared/UndoToast';
import type { ActionItemDraft, ActionItemOwner, ActionItemsView, ActionItemView } from './view-model';
import './sidebar.css';

export interface ActionItemsSectionProps {
  actionItems: ActionItemsView;
  /** The user's calendar day: due dates before it are overdue. */
  today: string;
  /** What sentences call the person ("Dana"): the owner label of their items. */
  personShortName: string;
  onAddActionItem: (draft: ActionItemDraft) => void;
  onCloseActionItem: (id: string) => void;
  onReopenActionItem: (id: string) => void;
  onUpdateActionItem: (id: string, draft: ActionItemDraft) => void;
  /** How long Undo is offered after a tick (default UNDO_WINDOW_MS). */
  undoWindowMs?: number;
}

/** How an item's due date reads, and whether it is overdue. */
export function describeDue(due: string | undefined, today: string): { text: string; overdue: boolean } | undefined {
  if (due === undefined || due === '') return undefined;
  if (due === today) return { text: 'Due today', overdue: false };
  if (isBeforeDay(due, today)) return { text: `Overdue: was due ${formatDayWithRelative(due, today)}`, overdue: true };
  return { text: `Due ${formatDayWithRelative(due, today)}`, overdue: false };
}

interface EditState {
  id: string;
  text: string;
  owner: ActionItemOwner;
  due: string;
  error?: string;
}

interface ClosedToast extends UndoToastItem {
  itemId: string;
}

function draftOf(text: string, owner: ActionItemOwner, due: string): ActionItemDraft {
  return due === '' ? { text, owner } : { text, owner, due };
}

/**
 * "Action items": the open items with this person. Each has a checkbox named by its text
 * (ticking closes it at once, hides it, and offers Undo for a few seconds), its owner and due
 * date (overdue ones say so in words and colour), and an Edit button that turns the row into
 * a small form (Enter saves, Escape cancels, focus returns to Edit). The "New action item" box
 * adds on Enter and clears itself; owner and due date sit next to it. No other control's name
 * contains "new action item" (nor a heading's "Action items"): tests and assistive technology
 * that match names by substring find exactly one of each.
 */
export function ActionItemsSection(props: ActionItemsSectionProps) {
  const { actionItems, today, personShortName, undoWindowMs = UNDO_WINDOW_MS } = props;
  const idPrefix = useId();
  const headingId = `${idPrefix}-heading`;
  const newItemId = `${idPrefix}-new`;
  const checkboxId = (itemId: string) => `${idPrefix}-check-${itemId}`;
  const editButtonId = (itemId: string) => `${idPrefix}-edit-${itemId}`;
  const editInputId = `${idPrefix}-edit-text`;

  const [draftText, setDraftText] = useState('');
  const [draftOwner, setDraftOwner] = useState<ActionItemOwner>(actionItems.defaultOwner ?? 'them');
  const [draftDue, setDraftDue] = useState('');
  const [editing, setEditing] = useState<EditState | null>(null);
  /** Ticked items, hidden until the props stop listing them (or Undo brings them back). */
  const [hidden, setHidden] = useState<string[]>([]);
  const [toast, setToast] = useState<ClosedToast | null>(null);
  const toastCounter = useRef(0);
  const rootRef = useRef<HTMLElement>(null);
  /** Where focus goes after the next render (element id, then a fallback). */
  const focusRequest = useRef<string[] | null>(null);

  const openIds = actionItems.open.map((item) => item.id).join('\n');
  useEffect(() => {
    setHidden((ids) => {
      const kept = ids.filter((id) => actionItems.open.some((item) => item.id === id));
      return kept.length === ids.length ? ids : kept;
    });
  }, [openIds]);

  useEffect(() => {
    const request = focusRequest.current;
    if (!request) return;
    focusRequest.current = null;
    // The document or, when mounted in a shadow root, that root: both look ids up.
    const scope = rootRef.current?.getRootNode() as Document | ShadowRoot | undefined;
    for (const id of request) {
      const element = scope?.getElementById(id);
      if (element) {
        element.focus();
        return;
      }
    }
  });

  const visible = actionItems.open.filter((item) => !hidden.includes(item.id));

  const tick = (item: ActionItemView) => {
    const at = visible.findIndex((other) => other.id === item.id);
    const neighbour = visible[at + 1] ?? visible[at - 1];
    focusRequest.current = neighbour ? [checkboxId(neighbour.id), newItemId] : [newItemId];
    setHidden((ids) => [...ids, item.id]);
    toastCounter.current += 1;
    setToast({
      key: `${item.id}#${toastCounter.current}`,
      itemId: item.id,
      message: `Closed: ${item.text}`,
      undoName: `Undo closing: ${item.text}`,
    });
    props.onCloseActionItem(item.id);
  };

  const undo = (key: string) => {
    if (!toast || toast.key !== key) return;
    const itemId = toast.itemId;
    setHidden((ids) => ids.filter((id) => id !== itemId));
    setToast(null);
    focusRequest.current = [checkboxId(itemId), newItemId];
    props.onReopenActionItem(itemId);
  };

  const add = () => {
    const text = draftText.trim();
    if (text === '') return;
    props.onAddActionItem(draftOf(text, draftOwner, draftDue));
    setDraftText('');
    setDraftDue('');
  };

  const startEdit = (item: ActionItemView) => {
    setEditing({ id: item.id, text: item.text, owner: item.owner, due: item.due ?? '' });
    focusRequest.current = [editInputId];
  };

  const finishEdit = (save: boolean) => {
    if (!editing) return;
    if (save) {
      const text = editing.text.trim();
      if (text === '') {
        setEditing({ ...editing, error: 'Write what is to be done, or tick the item to close it.' });
        return;
      }
      const original = actionItems.open.find((item) => item.id === editing.id);
      const changed =
        !original || original.text !== text || original.owner !== editing.owner || (original.due ?? '') !== editing.due;
      if (changed) props.onUpdateActionItem(editing.id, draftOf(text, editing.owner, editing.due));
    }
    focusRequest.current = [editButtonId(editing.id), newItemId];
    setEditing(null);
  };

  const ownerLabel = (owner: ActionItemOwner) => (owner === 'me' ? 'Me' : personShortName);

  return (
    <section
      ref={rootRef}
      class="occ-section"
      aria-labelledby={headingId}
      aria-busy={actionItems.loading ? 'true' : undefined}
    >
      <h2 id={headingId} class="occ-section__heading">
        Action items
      </h2>
      {actionItems.loading ? (
        <p class="occ-muted">Loading action items…</p>
      ) : visible.length === 0 ? (
        <p class="occ-empty">No open action items with {personShortName}.</p>
      ) : (
        <ul class="occ-items">
          {visible.map((item) =>
            editing?.id === item.id ? (
              <li key={item.id} class="occ-item occ-item--editing">
                <div
                  class="occ-item__edit"
                  role="group"
                  aria-label={`Edit action item: ${item.text}`}
                  onKeyDown={(event) => {
                    if (event.key === 'Escape') {
                      event.preventDefault();
                      event.stopPropagation();
                      finishEdit(false);
                    }
                  }}
                >
                  <input
                    id={editInputId}
                    type="text"
                    class="occ-input occ-item__edit-text"
                    aria-label="Action item text"
                    aria-invalid={editing.error ? 'true' : undefined}
                    aria-describedby={editing.error ? `${editInputId}-error` : undefined}
                    value={editing.text}
                    onInput={(event) => setEditing({ ...editing, text: event.currentTarget.value, error: undefined })}
                    onKeyDown={(event) => {
                      if (event.key === 'Enter' && !event.isComposing) {
                        event.preventDefault();
                        finishEdit(true);
                      }
                    }}
                  />
                  {editing.error ? (
                    <p id={`${editInputId}-error`} class="occ-field-error">
                      {editing.error}
                    </p>
                  ) : null}
                  <div class="occ-item__edit-fields">
                    <OwnerSelect
                      label="Owner"
                      value={editing.owner}
                      personShortName={personShortName}
                      onChange={(owner) => setEditing({ ...editing, owner })}
                    />
                    <input
                      type="date"
                      class="occ-input"
                      aria-label="Due date"
                      value={editing.due}
                      onInput={(event) => setEditing({ ...editing, due: event.currentTarget.value })}
                    />
                  </div>
                  <div class="occ-item__edit-actions">
                    <button type="button" class="occ-button occ-button--text" onClick={() => finishEdit(false)}>
                      Cancel
                    </button>
                    <button type="button" class="occ-button occ-button--filled" onClick={() => finishEdit(true)}>
                      Save
                    </button>
                  </div>
                </div>
              </li>
            ) : (
              <ActionItemRow
                key={item.id}
                item={item}
                checkboxId={checkboxId(item.id)}
                editButtonId={editButtonId(item.id)}
                ownerLabel={ownerLabel(item.owner)}
                today={today}
                onTick={() => tick(item)}
                onEdit={() => startEdit(item)}
              />
            ),
          )}
        </ul>
      )}
      <UndoToast toast={toast} durationMs={undoWindowMs} onUndo={undo} onDismiss={(key) => setToast((current) => (current?.key === key ? null : current))} />
      <div class="occ-add-item">
        <input
          id={newItemId}
          type="text"
          class="occ-input occ-add-item__text"
          aria-label="New action item"
          placeholder="Add an action item…"
          value={draftText}
          onInput={(event) => setDraftText(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.isComposing) {
              event.preventDefault();
              add();
            }
          }}
        />
        <div class="occ-add-item__fields">
          <OwnerSelect
            label="Owner of the new item"
            value={draftOwner}
            personShortName={personShortName}
            onChange={setDraftOwner}
          />
          <input
            type="date"
            class="occ-input"
            aria-label="Due date (optional)"
            value={draftDue}
            onInput={(event) => setDraftDue(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                add();
              }
            }}
          />
          <button type="button" class="occ-button" aria-label="Add action item" onClick={add}>
            Add
          </button>
        </div>
      </div>
    </section>
  );
}

function OwnerSelect({
  label,
  value,
  personShortName,
  onChange,
}: {
  label: string;
  value: ActionItemOwner;
  personShortName: string;
  onChange: (owner: ActionItemOwner) => void;
}) {
  return (
    <select
      class="occ-select"
      aria-label={label}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value === 'me' ? 'me' : 'them')}
    >
      <option value="them">{personShortName}</option>
      <option value="me">Me</option>
    </select>
  );
}

interface ActionItemRowProps {
  item: ActionItemView;
  checkboxId: string;
  editButtonId: string;
  ownerLabel: string;
  today: string;
  onTick: () => void;
  onEdit: () => void;
}

function ActionItemRow({ item, checkboxId, editButtonId, ownerLabel, today, onTick, onEdit }: ActionItemRowProps) {
  const due = describeDue(item.due, today);
  const metaId = `${checkboxId}-meta`;
  return (
    <li class="occ-item" data-overdue={due?.overdue ? 'true' : undefined}>
      <input
        id={checkboxId}
        type="checkbox"
        class="occ-item__check"
        checked={false}
        aria-describedby={metaId}
        onChange={(event) => {
          // The row goes away; keep the box unticked in case it comes back (Undo).
          event.currentTarget.checked = false;
          onTick();
        }}
      />
      <div class="occ-item__body">
        <label for={checkboxId} class="occ-item__text">
          {item.text}
        </label>
        <span id={metaId} class="occ-item__meta">
          <span class="occ-item__owner">
            <span class="occ-visually-hidden">Owner: </span>
            {ownerLabel}
          </span>
          {due ? (
            <>
              <span aria-hidden="true"> · </span>
              <span class="occ-visually-hidden">, </span>
              <span class={due.overdue ? 'occ-item__due occ-item__due--overdue' : 'occ-item__due'}>
                {due.overdue ? (
                  <span aria-hidden="true" class="occ-item__overdue-icon">
                    !
                  </span>
                ) : null}
                {due.text}
              </span>
            </>
          ) : null}
        </span>
      </div>
      <button
        id={editButtonId}
        type="button"
        class="occ-icon-button occ-icon-button--small"
        aria-label={`Edit: ${item.text}`}
        title="Edit"
        onClick={onEdit}
      >
        <span aria-hidden="true">✎</span>
      </button>
    </li>
  );
}
