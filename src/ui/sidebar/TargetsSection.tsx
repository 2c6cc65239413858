import { useId, useState } from 'preact/hooks';
import { parseAmount } from '../../domain/targets';
import type { PaceStatusView, ProgressTargetView, TargetRowView, TargetsView } from './view-model';
import './sidebar.css';

export interface TargetsSectionProps {
  targets: TargetsView;
  /** What sentences call the person ("Dana"). */
  personShortName: string;
  /** Today's progress for a target, in its minor units (validated with the domain's parseAmount). */
  onAddProgress: (targetId: string, amount: number) => void;
  /** Opens Settings; the empty state offers it when given. */
  onOpenSettings?: () => void;
}

const PACE_LABELS: Record<PaceStatusView, { label: string; tone: string }> = {
  ahead: { label: 'Ahead', tone: 'occ-chip--good' },
  'on-track': { label: 'On track', tone: 'occ-chip--neutral' },
  behind: { label: 'Behind', tone: 'occ-chip--bad' },
  'not-started': { label: 'Not started', tone: '' },
  ended: { label: 'Ended', tone: '' },
};

/** The words for a pace status (exported for the popup and tests). */
export function paceLabel(status: PaceStatusView): string {
  return PACE_LABELS[status].label;
}

/**
 * "Targets": the person's targets grouped by the horizons their level looks at ("This week",
 * "November", "Q4"), each row with actual of target, percent, a pace chip with what was
 * expected by today and the projected end, and whether the last period was hit. Everything
 * a colour says is also said in words. A horizon without working days (a weekend, a day off)
 * says so instead of showing "$0 of $0". Below, "Add today's progress" takes a number, checks it
 * and calls back with minor units.
 */
export function TargetsSection({ targets, personShortName, onAddProgress, onOpenSettings }: TargetsSectionProps) {
  const headingId = useId();
  // A horizon with no rows shows only when it says why (a weekend or a day off).
  const horizons = targets.horizons.filter((horizon) => horizon.rows.length > 0 || (horizon.note ?? '') !== '');
  return (
    <section class="occ-section" aria-labelledby={headingId} aria-busy={targets.loading ? 'true' : undefined}>
      <h2 id={headingId} class="occ-section__heading">
        Targets
      </h2>
      {targets.loading ? (
        <p class="occ-muted">Loading targets…</p>
      ) : horizons.length === 0 ? (
        <p class="occ-empty">
          No targets for {personShortName} yet — set them in{' '}
          {onOpenSettings ? (
            <button type="button" class="occ-link-button" onClick={onOpenSettings}>
              Settings
            </button>
          ) : (
            'Settings'
          )}
        </p>
      ) : (
        <>
          {targets.focusText !== undefined && targets.focusText !== '' ? (
            <p class="occ-muted occ-targets__focus">{targets.focusText}</p>
          ) : null}
          {horizons.map((horizon) => (
            <div key={horizon.key} class="occ-horizon">
              <h3 class="occ-subheading">{horizon.label}</h3>
              {horizon.note ? <p class="occ-muted occ-horizon__note">{horizon.note}</p> : null}
              {horizon.rows.length > 0 ? (
                <ul class="occ-targets">
                  {horizon.rows.map((row) => (
                    <TargetRow key={row.key} row={row} />
                  ))}
                </ul>
              ) : null}
            </div>
          ))}
        </>
      )}
      {!targets.loading && targets.progressTargets.length > 0 ? (
        <ProgressEntryForm progressTargets={targets.progressTargets} onAddProgress={onAddProgress} />
      ) : null}
    </section>
  );
}

function TargetRow({ row }: { row: TargetRowView }) {
  const pace = row.pace ? PACE_LABELS[row.pace.status] : undefined;
  const paceDetails = [
    row.pace?.expectedText ? `expected by today ${row.pace.expectedText}` : undefined,
    row.pace?.projectedText ? `projected ${row.pace.projectedText}` : undefined,
  ].filter((part): part is string => part !== undefined);
  const width = row.percent === undefined || !Number.isFinite(row.percent) ? 0 : Math.min(100, Math.max(0, row.percent));
  return (
    <li class="occ-target" data-pace={row.pace?.status}>
      <div class="occ-target__line">
        <span class="occ-target__metric">
          {row.metric}
          <span class="occ-visually-hidden">: </span>
        </span>
        <span class="occ-target__numbers">
          {row.actualText} of {row.targetText}
          {row.percentText ? <span class="occ-target__percent"> ({row.percentText})</span> : null}
        </span>
      </div>
      {row.percent !== undefined ? (
        <div class="occ-bar" aria-hidden="true">
          <div class="occ-bar__fill" style={{ width: `${width}%` }} />
        </div>
      ) : null}
      {pace ? (
        <p class="occ-target__pace">
          <span class={`occ-chip ${pace.tone}`}>{pace.label}</span>
          {paceDetails.length > 0 ? <span class="occ-muted"> {paceDetails.join(', ')}</span> : null}
        </p>
      ) : null}
      {row.lastPeriod ? (
        <p class="occ-target__last">
          <span class="occ-muted">{row.lastPeriod.label}: </span>
          <span class={row.lastPeriod.hit ? 'occ-chip occ-chip--good' : 'occ-chip occ-chip--bad'}>
            {row.lastPeriod.hit ? 'Hit' : 'Missed'}
          </span>
          {row.lastPeriod.detailText ? <span class="occ-muted"> {row.lastPeriod.detailText}</span> : null}
        </p>
      ) : null}
    </li>
  );
}

function ProgressEntryForm({
  progressTargets,
  onAddProgress,
}: {
  progressTargets: ProgressTargetView[];
  onAddProgress: (targetId: string, amount: number) => void;
}) {
  const idPrefix = useId();
  const headingId = `${idPrefix}-heading`;
  const errorId = `${idPrefix}-error`;
  const [selectedId, setSelectedId] = useState<string | undefined>(undefined);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [confirmation, setConfirmation] = useState('');
  const target = progressTargets.find((candidate) => candidate.targetId === selectedId) ?? progressTargets[0];
  if (!target) return null;

  const submit = () => {
    const result = parseAmount(text, target.decimals, target.unit);
    if (!result.ok) {
      setError(`Not added: ${result.error}`);
      setConfirmation('');
      return;
    }
    onAddProgress(target.targetId, result.amount);
    setConfirmation(`Added ${text.trim()} to ${target.label}`);
    setError(undefined);
    setText('');
  };

  return (
    <div class="occ-progress" role="group" aria-labelledby={headingId}>
      <h3 id={headingId} class="occ-subheading">
        Add today's progress
      </h3>
      {progressTargets.length > 1 ? (
        <select
          class="occ-select occ-progress__target"
          aria-label="Target to add progress to"
          value={target.targetId}
          onChange={(event) => {
            setSelectedId(event.currentTarget.value);
            setError(undefined);
          }}
        >
          {progressTargets.map((candidate) => (
            <option key={candidate.targetId} value={candidate.targetId}>
              {candidate.label}
            </option>
          ))}
        </select>
      ) : null}
      <div class="occ-progress__row">
        <input
          type="text"
          inputMode="decimal"
          autoComplete="off"
          class="occ-input occ-progress__amount"
          aria-label={`Today's progress for ${target.label}`}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? errorId : undefined}
          placeholder={target.decimals > 0 ? 'e.g. 1,250.50' : 'e.g. 12'}
          value={text}
          onInput={(event) => {
            setText(event.currentTarget.value);
            if (error) setError(undefined);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.isComposing) {
              event.preventDefault();
              submit();
            }
          }}
        />
        <button type="button" class="occ-button" aria-label={`Add today's progress for ${target.label}`} onClick={submit}>
          Add
        </button>
      </div>
      {error ? (
        <p id={errorId} class="occ-field-error" role="alert">
          {error}
        </p>
      ) : null}
      <p class="occ-muted occ-progress__done" role="status">
        {confirmation}
      </p>
    </div>
  );
}
