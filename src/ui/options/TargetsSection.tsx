import { useState } from 'preact/hooks';
import type { PeriodKind, TargetOwner } from '../../domain/schemas';
import { formatAmount, parseAmount } from '../../domain/targets';
import { LabelledOptions } from './LabelledOptions';
import { ActionMessage } from './ActionMessage';
import { ConfirmDialog } from './ConfirmDialog';
import { CsvImport } from './CsvImport';
import { useAction } from './use-action';
import { checkDay, checkDecimals } from './validation';
import type { PaceStatusView, TargetOwnerOption, TargetsSectionProps, TargetView } from './view-model';

const PERIOD_LABELS: Record<PeriodKind, string> = {
  year: 'Year',
  quarter: 'Quarter',
  month: 'Month',
  week: 'Week',
  day: 'Day',
};

const PACE_LABELS: Record<PaceStatusView, string> = {
  ahead: 'Ahead',
  'on-track': 'On track',
  behind: 'Behind',
  'not-started': 'Not started',
  ended: 'Ended',
};

const PACE_TONES: Record<PaceStatusView, string> = {
  ahead: 'good',
  'on-track': 'good',
  behind: 'bad',
  'not-started': 'neutral',
  ended: 'neutral',
};

/** The pace chip's words and tone; an ended period says whether it was hit. */
function paceChip(pace: NonNullable<TargetView['pace']>): { label: string; tone: string } {
  if (pace.status === 'ended' && pace.hit !== undefined) return pace.hit ? { label: 'Ended: hit', tone: 'good' } : { label: 'Ended: missed', tone: 'bad' };
  return { label: PACE_LABELS[pace.status], tone: PACE_TONES[pace.status] };
}

function ownerKey(owner: TargetOwner): string {
  return owner.kind === 'team' ? 'team' : `person:${owner.personId}`;
}

/**
 * Targets: first who is on pace (one line per target), then each target in detail (its split
 * into shorter periods, pace, progress by hand); create a target; import progress from a CSV
 * file. Reviewing comes first: it is what a manager does every week, creating once a period.
 */
export function TargetsSection(props: TargetsSectionProps) {
  return (
    <section class="occ-options__section" aria-labelledby="occ-targets-heading">
      <h2 id="occ-targets-heading" class="occ-options__heading">
        Targets
      </h2>
      <p class="occ-options__intro">
        A target set for a period splits down to shorter ones by working days (weekends and days off excluded), so the
        parts add back up exactly.
      </p>
      <section class="occ-options__subsection" aria-labelledby="occ-target-list-heading">
        <h3 id="occ-target-list-heading" class="occ-options__subheading">
          Current targets
        </h3>
        {props.targets.length === 0 ? (
          <p class="occ-empty">No targets yet: create one below.</p>
        ) : (
          <>
            <TargetsOverview targets={props.targets} />
            <ul class="occ-plain-list occ-target-list">
              {props.targets.map((target) => (
                <TargetCard key={target.id} target={target} {...props} />
              ))}
            </ul>
          </>
        )}
      </section>
      <CreateTargetForm today={props.today} owners={props.owners} onCreateTarget={props.onCreateTarget} />
      <CsvImport
        {...(props.csvPreview ? { csvPreview: props.csvPreview } : {})}
        onCsvChosen={props.onCsvChosen}
        onImportCsv={props.onImportCsv}
        onClearCsv={props.onClearCsv}
      />
    </section>
  );
}

/** A target whose period runs today (pace is asked of these; ended and future ones are not). */
function isRunning(target: TargetView): boolean {
  return target.pace?.status !== 'ended' && target.pace?.status !== 'not-started';
}

/**
 * "Who is on pace": every running target on one line (owner, metric, period, actual of target,
 * percent, pace), in the order of the cards below, so the whole team reads at a glance. Ended
 * and future targets have cards only (the table says how many).
 */
function TargetsOverview({ targets }: { targets: TargetView[] }) {
  const running = targets.filter(isRunning);
  const others = targets.length - running.length;
  if (running.length === 0) return null;
  return (
    <div class="occ-table-wrap occ-targets-overview__wrap">
      <table class="occ-table occ-targets-overview">
        <caption class="occ-targets-overview__caption">Who is on pace</caption>
        <thead>
          <tr>
            <th scope="col">Owner</th>
            <th scope="col">Metric</th>
            <th scope="col">Period</th>
            <th scope="col" class="occ-number">
              Actual / target
            </th>
            <th scope="col" class="occ-number">
              %
            </th>
            <th scope="col">Pace</th>
          </tr>
        </thead>
        <tbody>
          {running.map((target) => {
            const pace = target.pace;
            const chip = pace ? paceChip(pace) : undefined;
            return (
              <tr key={target.id} data-pace={pace?.status}>
                <th scope="row">{target.ownerLabel}</th>
                <td>{target.metric}</td>
                <td>{target.periodLabel}</td>
                <td class="occ-number">{`${pace ? pace.actualText : '—'} / ${target.amountText}`}</td>
                <td class="occ-number">{pace?.percentText ?? '—'}</td>
                <td>
                  {chip ? (
                    <span class={`occ-chip occ-chip--${chip.tone}`} title={pace && pace.status !== 'ended' ? `${pace.expectedText} expected by today` : undefined}>
                      {chip.label}
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {others > 0 ? (
        <p class="occ-secondary">{`${others} ended or upcoming ${others === 1 ? 'target is' : 'targets are'} in the list below, not in this table.`}</p>
      ) : null}
    </div>
  );
}

function CreateTargetForm({
  today,
  owners,
  onCreateTarget,
}: Pick<TargetsSectionProps, 'today' | 'owners' | 'onCreateTarget'>) {
  const [owner, setOwner] = useState(owners[0] ? ownerKey(owners[0].owner) : '');
  const [metric, setMetric] = useState('');
  const [unit, setUnit] = useState('USD');
  const [decimals, setDecimals] = useState('2');
  const [periodKind, setPeriodKind] = useState<PeriodKind>('month');
  const [periodDay, setPeriodDay] = useState(today);
  const [amount, setAmount] = useState('');
  const create = useAction(onCreateTarget);

  const checkedDecimals = checkDecimals(decimals);
  const reading = amount.trim() !== '' && checkedDecimals.ok ? parseAmount(amount, checkedDecimals.value, unit.trim()) : undefined;

  const submit = async () => {
    const chosen: TargetOwnerOption | undefined = owners.find((option) => ownerKey(option.owner) === owner);
    if (!chosen) return create.setRefused('Choose whose target it is.');
    if (metric.trim() === '') return create.setRefused('Name what is measured, e.g. Bookings.');
    if (unit.trim() === '') return create.setRefused('Give the unit, e.g. USD or calls.');
    if (!checkedDecimals.ok) return create.setRefused(checkedDecimals.message);
    const day = checkDay(periodDay, 'day in the period');
    if (!day.ok) return create.setRefused(day.message);
    const parsed = parseAmount(amount, checkedDecimals.value, unit.trim());
    if (!parsed.ok) return create.setRefused(`Amount: ${parsed.error}.`);
    if (parsed.amount < 0) return create.setRefused('A target is zero or more.');
    const done = await create.run({
      owner: chosen.owner,
      metric: metric.trim(),
      unit: unit.trim(),
      decimals: checkedDecimals.value,
      periodKind,
      periodDay: day.value,
      amount: parsed.amount,
    });
    if (done) {
      setMetric('');
      setAmount('');
    }
  };

  return (
    <section class="occ-options__subsection" aria-labelledby="occ-new-target-heading">
      <h3 id="occ-new-target-heading" class="occ-options__subheading">
        New target
      </h3>
      <form
        class="occ-form"
        aria-labelledby="occ-new-target-heading"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div class="occ-form-row">
          <label class="occ-field">
            <span>For</span>
            <select class="occ-select" value={owner} onChange={(event) => setOwner(event.currentTarget.value)}>
              {owners.map((option) => (
                <option key={ownerKey(option.owner)} value={ownerKey(option.owner)}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
          <label class="occ-field">
            <span>Metric</span>
            <input
              type="text"
              class="occ-input"
              placeholder="Bookings"
              value={metric}
              onInput={(event) => setMetric(event.currentTarget.value)}
            />
          </label>
          <label class="occ-field">
            <span>Unit</span>
            <input
              type="text"
              class="occ-input occ-input--narrow"
              value={unit}
              onInput={(event) => setUnit(event.currentTarget.value)}
            />
          </label>
          <label class="occ-field">
            <span>Decimals</span>
            <input
              type="text"
              inputMode="numeric"
              class="occ-input occ-input--narrow"
              value={decimals}
              aria-invalid={checkedDecimals.ok ? undefined : 'true'}
              onInput={(event) => setDecimals(event.currentTarget.value)}
            />
          </label>
        </div>
        <div class="occ-form-row">
          <label class="occ-field">
            <span>Period</span>
            <select
              class="occ-select"
              value={periodKind}
              onChange={(event) => setPeriodKind(event.currentTarget.value as PeriodKind)}
            >
              <LabelledOptions labels={PERIOD_LABELS} />
            </select>
          </label>
          <label class="occ-field">
            <span>Starting (any day in it)</span>
            <input type="date" class="occ-input" value={periodDay} onInput={(event) => setPeriodDay(event.currentTarget.value)} />
          </label>
          <label class="occ-field">
            <span>Amount</span>
            <input
              type="text"
              inputMode="decimal"
              class="occ-input"
              placeholder="100,000"
              value={amount}
              aria-describedby="occ-new-target-reading"
              onInput={(event) => setAmount(event.currentTarget.value)}
            />
          </label>
        </div>
        <p id="occ-new-target-reading" class="occ-secondary">
          {reading === undefined
            ? ''
            : reading.ok && checkedDecimals.ok
              ? `Reads as ${formatAmount(reading.amount, checkedDecimals.value, unit.trim() || '?')}`
              : reading.ok
                ? ''
                : `Cannot read the amount: ${reading.error}`}
        </p>
        <ActionMessage state={create.state} />
        <div class="occ-form-row">
          <button type="submit" class="occ-button occ-button--filled" disabled={create.state.kind === 'busy' || owners.length === 0}>
            Create target
          </button>
        </div>
      </form>
    </section>
  );
}

function TargetCard({ target, today, onAddProgress, onDeleteTarget }: { target: TargetView } & TargetsSectionProps) {
  const [confirmDelete, setConfirmDelete] = useState(false);
  const remove = useAction(onDeleteTarget);
  const headingId = `occ-target-${target.id.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
  const pace = target.pace;
  const chip = pace ? paceChip(pace) : undefined;
  return (
    <li class="occ-target" aria-labelledby={headingId}>
      <div class="occ-target__header">
        <h4 id={headingId} class="occ-target__title">
          {`${target.metric} — ${target.ownerLabel}`}
        </h4>
        <span class="occ-secondary">{`${target.periodLabel}: ${target.amountText}`}</span>
        <button
          type="button"
          class="occ-button occ-button--text"
          aria-label={`Delete target ${target.metric} — ${target.ownerLabel}, ${target.periodLabel}`}
          onClick={() => {
            remove.reset();
            setConfirmDelete(true);
          }}
        >
          Delete
        </button>
      </div>
      {pace && chip ? (
        <p class="occ-target__pace">
          <span class={`occ-chip occ-chip--${chip.tone}`}>{chip.label}</span>{' '}
          {`${pace.actualText} so far${pace.percentText ? ` (${pace.percentText})` : ''}; ${pace.expectedText} expected by today`}
          {pace.projectedText ? `; on course for ${pace.projectedText}` : ''}
        </p>
      ) : null}
      {target.lastPeriod ? (
        <p class="occ-secondary">
          {`${target.lastPeriod.label}: ${target.lastPeriod.hit ? 'hit' : 'missed'}`}
          {target.lastPeriod.detailText ? ` (${target.lastPeriod.detailText})` : ''}
        </p>
      ) : null}
      {target.splitProblem ? (
        <p class="occ-field-error">{`Cannot split: ${target.splitProblem}`}</p>
      ) : null}
      {target.splits.map((split) => (
        <details key={split.title} class="occ-split">
          <summary>{`${split.title} (${split.parts.length} ${split.parts.length === 1 ? 'part' : 'parts'})`}</summary>
          <div class="occ-table-wrap">
            <table class="occ-table occ-split__table">
              <caption class="occ-visually-hidden">{`${target.metric} — ${target.ownerLabel}, ${split.title.toLowerCase()}`}</caption>
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  <th scope="col">Working days</th>
                  <th scope="col">Target</th>
                  <th scope="col">Actual</th>
                </tr>
              </thead>
              <tbody>
                {split.parts.map((part) => (
                  <tr key={part.label}>
                    <th scope="row">{part.label}</th>
                    <td class="occ-number">{part.workingDays}</td>
                    <td class="occ-number">{part.amountText}</td>
                    <td class="occ-number">{part.actualText ?? ''}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  <td class="occ-number">{split.parts.reduce((sum, part) => sum + part.workingDays, 0)}</td>
                  <td class="occ-number">{split.totalText}</td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
        </details>
      ))}
      <ProgressForm target={target} today={today} onAddProgress={onAddProgress} />
      {confirmDelete ? (
        <ConfirmDialog
          idPrefix={`${headingId}-delete`}
          title={`Delete ${target.metric} — ${target.ownerLabel}?`}
          confirmLabel="Delete"
          busy={remove.state.kind === 'busy'}
          {...(remove.state.kind === 'refused' ? { error: remove.state.message } : {})}
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() =>
            void remove.run(target.id).then((done) => {
              if (done) setConfirmDelete(false);
            })
          }
        >
          <p>{`The ${target.periodLabel} target of ${target.amountText} and the parts split from it are deleted. Progress entered for it is deleted too.`}</p>
        </ConfirmDialog>
      ) : null}
    </li>
  );
}

function ProgressForm({ target, today, onAddProgress }: { target: TargetView; today: string; onAddProgress: TargetsSectionProps['onAddProgress'] }) {
  const [day, setDay] = useState(today);
  const [amount, setAmount] = useState('');
  const [personId, setPersonId] = useState('');
  const add = useAction(onAddProgress);
  const label = `${target.metric} — ${target.ownerLabel}`;

  const submit = async () => {
    const checkedDay = checkDay(day, 'day');
    if (!checkedDay.ok) return add.setRefused(checkedDay.message);
    if (checkedDay.value > today) return add.setRefused('Progress is entered for today or an earlier day.');
    const parsed = parseAmount(amount, target.decimals, target.unit);
    if (!parsed.ok) return add.setRefused(`Amount: ${parsed.error}.`);
    const done = await add.run({
      targetId: target.id,
      day: checkedDay.value,
      amount: parsed.amount,
      ...(personId !== '' ? { personId } : {}),
    });
    if (done) setAmount('');
  };

  return (
    <form
      class="occ-form-row occ-progress-form"
      aria-label={`Add progress to ${label}`}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label class="occ-field">
        <span>Day</span>
        <input type="date" class="occ-input" max={today} value={day} onInput={(event) => setDay(event.currentTarget.value)} />
      </label>
      {target.progressPeople && target.progressPeople.length > 0 ? (
        <label class="occ-field">
          <span>Person</span>
          <select class="occ-select" value={personId} onChange={(event) => setPersonId(event.currentTarget.value)}>
            <option value="">Whole team</option>
            {target.progressPeople.map((person) => (
              <option key={person.id} value={person.id}>
                {person.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label class="occ-field">
        <span>{`Progress (${target.unit})`}</span>
        <input
          type="text"
          inputMode="decimal"
          class="occ-input"
          value={amount}
          onInput={(event) => setAmount(event.currentTarget.value)}
        />
      </label>
      <button type="submit" class="occ-button" disabled={add.state.kind === 'busy'}>
        Add progress
      </button>
      <ActionMessage state={add.state} />
    </form>
  );
}
