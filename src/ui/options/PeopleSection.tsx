import { useEffect, useRef, useState } from 'preact/hooks';
import type { Level, Relationship } from '../../domain/schemas';
import { formatDay } from '../shared/relative-date';
import { LabelledOptions } from './LabelledOptions';
import { ActionMessage, fieldErrorProps } from './ActionMessage';
import { ConfirmDialog } from './ConfirmDialog';
import { matches, searchPattern } from './Highlighted';
import { useAction } from './use-action';
import { checkCadence, checkSnoozeUntil, MAX_CADENCE_DAYS, MIN_CADENCE_DAYS } from './validation';
import type { PeopleSectionProps, PersonRowView } from './view-model';

export const RELATIONSHIP_LABELS: Record<Relationship, string> = {
  direct: 'Direct',
  manager: 'My manager',
  peer: 'Peer',
  other: 'Other',
};

export const LEVEL_LABELS: Record<Level, string> = {
  frontline: 'Frontline',
  manager: 'Manager',
  director: 'Director',
  vp: 'VP',
  executive: 'Executive',
};

/** "Dana Reyes <dana@example.com>" or "Dana R. (name only)": how a person is named in pickers. */
export function personOptionLabel(person: Pick<PersonRowView, 'displayName' | 'email'>): string {
  return person.email ? `${person.displayName} <${person.email}>` : `${person.displayName} (name only)`;
}

/**
 * Everyone learned from the calendar: relationship (with suggestions to confirm), level,
 * cadence, snooze for leave, archive; and merging two records of one person.
 */
export function PeopleSection(props: PeopleSectionProps) {
  const [filter, setFilter] = useState('');
  const [showArchived, setShowArchived] = useState(false);
  const pattern = searchPattern(filter);
  const shown = props.people.filter(
    (person) => (showArchived || !person.archived) && matches(`${person.displayName} ${person.email ?? ''}`, pattern),
  );
  const archivedCount = props.people.filter((person) => person.archived).length;
  const suggestions = props.people.filter((person) => person.relationshipSuggested && !person.archived).length;

  return (
    <section class="occ-options__section" aria-labelledby="occ-people-heading">
      <h2 id="occ-people-heading" class="occ-options__heading">
        People
      </h2>
      <p class="occ-options__intro">
        Everyone you have 1:1s with, learned from your calendar.
        {suggestions > 0
          ? ` ${suggestions} ${suggestions === 1 ? 'relationship is a suggestion' : 'relationships are suggestions'}: confirm or change them.`
          : ''}
      </p>
      {props.people.length === 0 ? (
        <p class="occ-empty">No one yet. People appear here once 1:1s are read from your calendar.</p>
      ) : (
        <>
          <div class="occ-toolbar">
            <label class="occ-toolbar__field">
              <span>Filter people</span>
              <input
                type="search"
                class="occ-input"
                value={filter}
                onInput={(event) => setFilter(event.currentTarget.value)}
              />
            </label>
            {archivedCount > 0 ? (
              <label class="occ-checkbox-label">
                <input
                  type="checkbox"
                  checked={showArchived}
                  onChange={(event) => setShowArchived(event.currentTarget.checked)}
                />
                {`Show archived (${archivedCount})`}
              </label>
            ) : null}
          </div>
          <div class="occ-table-wrap">
            <table class="occ-table occ-people-table">
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Relationship</th>
                  <th scope="col">Level</th>
                  <th scope="col">Cadence</th>
                  <th scope="col">Snooze until</th>
                  <th scope="col">
                    <span class="occ-visually-hidden">Archive</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((person) => (
                  <PersonRow key={person.id} person={person} {...props} />
                ))}
              </tbody>
            </table>
          </div>
          {shown.length === 0 ? <p class="occ-empty">No one matches “{filter.trim()}”.</p> : null}
          <MergePanel {...props} />
        </>
      )}
    </section>
  );
}

function PersonRow({ person, today, ...props }: { person: PersonRowView } & PeopleSectionProps) {
  const name = person.displayName;
  const relationship = useAction(props.onSetRelationship);
  const level = useAction(props.onSetLevel);
  const archive = useAction(props.onSetArchived);
  const idBase = `occ-person-${cssId(person.id)}`;

  return (
    <tr data-archived={person.archived ? 'true' : undefined}>
      <th scope="row" class="occ-people-table__name">
        <button type="button" class="occ-link-button" onClick={() => props.onOpenPerson(person.id)}>
          {name}
        </button>
        <span class="occ-secondary">{person.email ?? 'name only'}</span>
        {person.lastOneOnOneDay ? (
          <span class="occ-secondary">{`Last 1:1 ${formatDay(person.lastOneOnOneDay, today)}`}</span>
        ) : null}
        <AttentionLine person={person} />
      </th>
      <td>
        <div class="occ-cell-row">
          <select
            class="occ-select"
            aria-label={`Relationship of ${name}`}
            value={person.relationship}
            disabled={relationship.state.kind === 'busy'}
            onChange={(event) => void relationship.run(person.id, event.currentTarget.value as Relationship)}
            {...fieldErrorProps(relationship.state, `${idBase}-relationship-error`)}
          >
            <LabelledOptions labels={RELATIONSHIP_LABELS} />
          </select>
          {person.relationshipSuggested ? (
            <>
              <span class="occ-chip occ-chip--neutral">Suggested</span>
              <button
                type="button"
                class="occ-button occ-button--text"
                aria-label={`Confirm ${name} as ${RELATIONSHIP_LABELS[person.relationship]}`}
                disabled={relationship.state.kind === 'busy'}
                onClick={() => void relationship.run(person.id, person.relationship)}
              >
                Confirm
              </button>
            </>
          ) : null}
        </div>
        <ActionMessage state={relationship.state} id={`${idBase}-relationship-error`} />
      </td>
      <td>
        <select
          class="occ-select"
          aria-label={`Level of ${name}`}
          value={person.level}
          disabled={level.state.kind === 'busy'}
          onChange={(event) => void level.run(person.id, event.currentTarget.value as Level)}
          {...fieldErrorProps(level.state, `${idBase}-level-error`)}
        >
          <LabelledOptions labels={LEVEL_LABELS} />
        </select>
        <ActionMessage state={level.state} id={`${idBase}-level-error`} />
      </td>
      <td>
        <CadenceField person={person} idBase={idBase} onSetCadence={props.onSetCadence} />
      </td>
      <td>
        <SnoozeField person={person} idBase={idBase} today={today} onSetSnooze={props.onSetSnooze} />
      </td>
      <td>
        <button
          type="button"
          class="occ-button occ-button--text"
          aria-label={`${person.archived ? 'Unarchive' : 'Archive'} ${name}`}
          disabled={archive.state.kind === 'busy'}
          onClick={() => void archive.run(person.id, !person.archived)}
        >
          {person.archived ? 'Unarchive' : 'Archive'}
        </button>
        <ActionMessage state={archive.state} />
      </td>
    </tr>
  );
}

/** "Overdue · 19 days since the last 1:1" or "No 1:1 yet" under a direct's name; nothing otherwise. */
function AttentionLine({ person }: { person: PersonRowView }) {
  const attention = person.attention;
  if (!attention) return null;
  if (attention.kind === 'no-one-on-one-yet') {
    return (
      <span class="occ-people-table__attention">
        <span class="occ-chip occ-chip--neutral">No 1:1 yet</span>
      </span>
    );
  }
  const days = attention.daysSinceLast;
  return (
    <span class="occ-people-table__attention" title={`Every ${attention.cadenceDays === 1 ? 'day' : `${attention.cadenceDays} days`}: ${days - attention.cadenceDays} ${days - attention.cadenceDays === 1 ? 'day' : 'days'} late`}>
      <span class="occ-chip occ-chip--bad">Overdue</span>
      <span class="occ-secondary">{` · ${days} ${days === 1 ? 'day' : 'days'} since the last 1:1`}</span>
    </span>
  );
}

/** Element ids from record ids (which hold ':' and '@'). */
function cssId(id: string): string {
  return id.replace(/[^a-zA-Z0-9_-]/g, '_');
}

function CadenceField({
  person,
  idBase,
  onSetCadence,
}: {
  person: PersonRowView;
  idBase: string;
  onSetCadence: PeopleSectionProps['onSetCadence'];
}) {
  // What the user typed, until the stored value catches up (or they start over).
  const [draft, setDraft] = useState<string | null>(null);
  const action = useAction(onSetCadence);
  const lastSent = useRef<number | null>(null);
  useEffect(() => {
    setDraft(null);
    lastSent.current = null;
  }, [person.cadenceDays]);

  const errorId = `${idBase}-cadence-error`;
  const commit = (text: string) => {
    const checked = checkCadence(text);
    if (!checked.ok) {
      action.setRefused(checked.message);
      return;
    }
    if (checked.value === person.cadenceDays || checked.value === lastSent.current) {
      if (checked.value === person.cadenceDays) setDraft(null);
      action.reset();
      return;
    }
    lastSent.current = checked.value;
    void action.run(person.id, checked.value).then((done) => {
      if (!done) lastSent.current = null;
    });
  };

  return (
    <div class="occ-field">
      <div class="occ-cell-row">
        <input
          type="text"
          inputMode="numeric"
          class="occ-input occ-input--narrow"
          aria-label={`Cadence in days for ${person.displayName}`}
          title={`Days between 1:1s, ${MIN_CADENCE_DAYS}–${MAX_CADENCE_DAYS}`}
          value={draft ?? String(person.cadenceDays)}
          onInput={(event) => setDraft(event.currentTarget.value)}
          onChange={(event) => commit(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commit(event.currentTarget.value);
          }}
          {...fieldErrorProps(action.state, errorId)}
        />
        <span aria-hidden="true">days</span>
      </div>
      <ActionMessage state={action.state} id={errorId} />
    </div>
  );
}

function SnoozeField({
  person,
  idBase,
  today,
  onSetSnooze,
}: {
  person: PersonRowView;
  idBase: string;
  today: string;
  onSetSnooze: PeopleSectionProps['onSetSnooze'];
}) {
  const action = useAction(onSetSnooze);
  const errorId = `${idBase}-snooze-error`;
  const active = person.snoozedUntil !== undefined && person.snoozedUntil >= today;
  return (
    <div class="occ-field">
      <div class="occ-cell-row">
        <input
          type="date"
          class="occ-input"
          aria-label={`Snooze ${person.displayName} until`}
          min={today}
          value={person.snoozedUntil ?? ''}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (value === '') {
              void action.run(person.id, undefined);
              return;
            }
            const checked = checkSnoozeUntil(value, today);
            if (checked.ok) void action.run(person.id, checked.value);
            else action.setRefused(checked.message);
          }}
          {...fieldErrorProps(action.state, errorId)}
        />
        {person.snoozedUntil !== undefined ? (
          <button
            type="button"
            class="occ-button occ-button--text"
            aria-label={`End snooze for ${person.displayName}`}
            onClick={() => void action.run(person.id, undefined)}
          >
            End
          </button>
        ) : null}
      </div>
      {active ? <span class="occ-secondary">Not overdue while on leave</span> : null}
      <ActionMessage state={action.state} id={errorId} />
    </div>
  );
}

function MergePanel({ people, onMerge }: PeopleSectionProps) {
  const [sourceId, setSourceId] = useState('');
  const [targetId, setTargetId] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const merge = useAction(onMerge);
  const byId = new Map(people.map((person) => [person.id, person]));
  const source = byId.get(sourceId);
  const target = byId.get(targetId);
  const options = [...people].sort((a, b) => a.displayName.localeCompare(b.displayName));

  const ask = () => {
    if (!source || !target) {
      setProblem('Choose the person to merge and the person to merge them into.');
      return;
    }
    if (source.id === target.id) {
      setProblem('Choose two different people.');
      return;
    }
    if (source.email && !target.email) {
      setProblem(
        `Merge the other way round: “${target.displayName}” is known by name only, so merge it into ${personOptionLabel(source)}.`,
      );
      return;
    }
    setProblem(undefined);
    merge.reset();
    setConfirming(true);
  };

  const confirm = async () => {
    if (!source || !target) return;
    const done = await merge.run(source.id, target.id);
    if (done) {
      setConfirming(false);
      setSourceId('');
      setTargetId('');
    }
  };

  return (
    <section class="occ-options__subsection" aria-labelledby="occ-merge-heading">
      <h3 id="occ-merge-heading" class="occ-options__subheading">
        Merge two people
      </h3>
      <p class="occ-options__intro">
        When one person appears under two addresses, or a person named only in event titles is someone with an address.
      </p>
      <div class="occ-form-row">
        <label class="occ-field">
          <span>Merge</span>
          <select class="occ-select" value={sourceId} onChange={(event) => setSourceId(event.currentTarget.value)}>
            <option value="">Choose a person…</option>
            {options.map((person) => (
              <option key={person.id} value={person.id}>
                {personOptionLabel(person)}
              </option>
            ))}
          </select>
        </label>
        <label class="occ-field">
          <span>into</span>
          <select class="occ-select" value={targetId} onChange={(event) => setTargetId(event.currentTarget.value)}>
            <option value="">Choose a person…</option>
            {options.map((person) => (
              <option key={person.id} value={person.id}>
                {personOptionLabel(person)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="occ-button" onClick={ask}>
          Merge…
        </button>
      </div>
      {problem ? (
        <p class="occ-field-error" role="alert">
          {problem}
        </p>
      ) : null}
      {!confirming && merge.state.kind === 'done' ? (
        <p class="occ-field-note" role="status">
          {merge.state.message ?? 'Merged.'}
        </p>
      ) : null}
      {confirming && source && target ? (
        <ConfirmDialog
          idPrefix="occ-merge-dialog"
          title={`Merge ${source.displayName} into ${target.displayName}?`}
          confirmLabel="Merge"
          busy={merge.state.kind === 'busy'}
          {...(merge.state.kind === 'refused' ? { error: merge.state.message } : {})}
          onConfirm={() => void confirm()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {`Everything recorded for ${personOptionLabel(source)} moves to ${personOptionLabel(target)}: `}
            {source.meetingCount !== undefined
              ? `${source.meetingCount} ${source.meetingCount === 1 ? '1:1' : '1:1s'}, their `
              : 'their 1:1s, '}
            notes, action items, talking points, targets and progress.
          </p>
          <p>
            {source.email
              ? `From then on, 1:1s with ${source.email} count as 1:1s with ${target.displayName}. `
              : `From then on, event titles naming “${source.displayName}” count as 1:1s with ${target.displayName}. `}
            {`“${source.displayName}” is no longer listed on its own. Nothing changes in your calendar.`}
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
