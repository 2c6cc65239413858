import { useState } from 'preact/hooks';
import { formatDay } from '../shared/relative-date';
import { ActionMessage } from './ActionMessage';
import { useAction } from './use-action';
import { checkDayRange } from './validation';
import type { DaysOffSectionProps } from './view-model';

/** Monday first, as calendars in most of the world show the week. */
const WEEKDAYS: { day: number; label: string }[] = [
  { day: 1, label: 'Monday' },
  { day: 2, label: 'Tuesday' },
  { day: 3, label: 'Wednesday' },
  { day: 4, label: 'Thursday' },
  { day: 5, label: 'Friday' },
  { day: 6, label: 'Saturday' },
  { day: 0, label: 'Sunday' },
];

/**
 * Days off (holidays, leave) and the weekend days: both are left out of the working-day split
 * of targets.
 */
export function DaysOffSection({ today, daysOff, weekendDays, onAddDaysOff, onRemoveDayOff, onSetWeekendDays }: DaysOffSectionProps) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const add = useAction(onAddDaysOff);
  const remove = useAction(onRemoveDayOff);
  const weekend = useAction(onSetWeekendDays);
  const sorted = [...new Set(daysOff)].sort();
  const upcoming = sorted.filter((day) => day >= today);
  const past = sorted.filter((day) => day < today);

  const submit = async () => {
    const range = checkDayRange(from, to);
    if (!range.ok) return add.setRefused(range.message);
    const known = new Set(daysOff);
    const fresh = range.value.filter((day) => !known.has(day));
    if (fresh.length === 0) return add.setRefused('Those days are already days off.');
    if (await add.run(fresh)) {
      setFrom('');
      setTo('');
    }
  };

  const toggleWeekend = (day: number, on: boolean) => {
    const next = new Set(weekendDays);
    if (on) next.add(day);
    else next.delete(day);
    if (next.size >= 7) {
      weekend.setRefused('Leave at least one working day in the week.');
      return;
    }
    void weekend.run([...next].sort((a, b) => a - b));
  };

  const dayList = (days: string[]) => (
    <ul class="occ-plain-list occ-days-off">
      {days.map((day) => (
        <li key={day} class="occ-cell-row">
          <span class="occ-grow">{formatDay(day, today)}</span>
          <button
            type="button"
            class="occ-button occ-button--text"
            aria-label={`Remove day off ${formatDay(day, today)}`}
            onClick={() => void remove.run(day)}
          >
            Remove
          </button>
        </li>
      ))}
    </ul>
  );

  return (
    <section class="occ-options__section" aria-labelledby="occ-days-off-heading">
      <h2 id="occ-days-off-heading" class="occ-options__heading">
        Days off
      </h2>
      <p class="occ-options__intro">Targets split by working days: weekends and the days off below get no share.</p>

      <fieldset class="occ-fieldset">
        <legend>Weekend days</legend>
        <div class="occ-form-row">
          {WEEKDAYS.map(({ day, label }) => (
            <label key={day} class="occ-checkbox-label">
              <input
                type="checkbox"
                checked={weekendDays.includes(day)}
                disabled={weekend.state.kind === 'busy'}
                onChange={(event) => toggleWeekend(day, event.currentTarget.checked)}
              />
              {label}
            </label>
          ))}
        </div>
        <ActionMessage state={weekend.state} />
      </fieldset>

      <form
        class="occ-form-row"
        aria-label="Add days off"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <label class="occ-field">
          <span>Day off (or first day)</span>
          <input type="date" class="occ-input" value={from} onInput={(event) => setFrom(event.currentTarget.value)} />
        </label>
        <label class="occ-field">
          <span>Last day (optional)</span>
          <input type="date" class="occ-input" value={to} min={from || undefined} onInput={(event) => setTo(event.currentTarget.value)} />
        </label>
        <button type="submit" class="occ-button" disabled={add.state.kind === 'busy'}>
          Add
        </button>
      </form>
      <ActionMessage state={add.state} />
      <ActionMessage state={remove.state} />

      <h3 class="occ-options__subheading">Coming up</h3>
      {upcoming.length === 0 ? <p class="occ-empty">No days off coming up.</p> : dayList(upcoming)}
      {past.length > 0 ? (
        <details class="occ-split">
          <summary>{`Past days off (${past.length})`}</summary>
          {dayList(past.reverse())}
        </details>
      ) : null}
    </section>
  );
}
