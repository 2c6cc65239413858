import { useState } from 'preact/hooks';
import '../shared/theme.css';
import './popup.css';
import { formatDay, formatDayWithRelative, formatRelativeDay, isBeforeDay } from '../shared/relative-date';
import { UndoToast, type UndoToastItem } from '../shared/UndoToast';
import { AccountStatus } from './AccountStatus';
import { daysSinceText, hoursLine, unbreakable } from './format';
import type { OverdueRowView, OwedItemView, PopupCallbacks, PopupViewProps, WeekMeetingView } from './view-model';

/**
 * The toolbar popup (~360 px wide): overdue directs first, then today's and this week's 1:1s,
 * the hours spent in 1:1s this week, and what the user owes people; sync status and sign-in at
 * the foot. Props only: the wiring passes the model and acts on the callbacks.
 */
export function PopupView(props: PopupViewProps) {
  const { account, loading, noOneOnOnesYet, backupReminder, today } = props;
  const signedOut = account.state !== 'signed-in';
  return (
    <div class="occ-root occ-popup">
      <header class="occ-popup__header">
        <h1 class="occ-popup__title">1:1 Companion</h1>
        <button
          type="button"
          class="occ-icon-button"
          aria-label="Settings"
          title="Settings"
          onClick={() => props.onOpenOptions()}
        >
          <span aria-hidden="true">⚙</span>
        </button>
      </header>

      {signedOut ? (
        <div class="occ-banner" role="note">
          <p class="occ-banner__text">Sign in to read your calendar; notes still work locally.</p>
          <button
            type="button"
            class="occ-button occ-button--filled"
            onClick={props.onSignIn}
            disabled={account.state === 'signing-in'}
          >
            Sign in
          </button>
        </div>
      ) : null}

      {loading ? (
        <p class="occ-popup__loading" aria-busy="true">
          Loading…
        </p>
      ) : noOneOnOnesYet ? (
        signedOut ? null : (
          <section class="occ-first-run" aria-labelledby="occ-popup-first-run">
            <h2 id="occ-popup-first-run" class="occ-popup__heading">
              No 1:1s yet
            </h2>
            <p>No 1:1s found in the last 8 weeks yet — open a 1:1 in Google Calendar.</p>
            <button type="button" class="occ-button occ-button--filled" onClick={props.onOpenCalendar}>
              Open Google Calendar
            </button>
          </section>
        )
      ) : (
        <>
          <OverdueSection {...props} />
          <WeekSections {...props} />
          {props.hours ? (
            <section class="occ-popup__section" aria-labelledby="occ-popup-hours">
              <h2 id="occ-popup-hours" class="occ-popup__heading">
                Hours in 1:1s this week
              </h2>
              <p class="occ-hours">{hoursLine(props.hours.spentMinutes, props.hours.ifEveryDirectMinutes)}</p>
              <HoursMeter spent={props.hours.spentMinutes} full={props.hours.ifEveryDirectMinutes} />
            </section>
          ) : null}
          <OwedSection {...props} />
        </>
      )}

      {backupReminder ? (
        <div class="occ-banner occ-banner--warning" role="note">
          <p class="occ-banner__text">
            {backupReminder.lastBackupDay
              ? `Last backup ${formatDayWithRelative(backupReminder.lastBackupDay, today)}. `
              : 'No backup yet. '}
            Private notes live only in this browser: export a backup now and then.
          </p>
          <button type="button" class="occ-button" onClick={() => props.onOpenOptions('backup')}>
            Back up
          </button>
        </div>
      ) : null}

      <footer class="occ-popup__footer">
        <AccountStatus
          account={account}
          sync={props.sync}
          onSignIn={props.onSignIn}
          onSignOut={props.onSignOut}
          {...(props.onRetrySync ? { onRetrySync: props.onRetrySync } : {})}
        />
      </footer>
    </div>
  );
}

function OverdueSection({ overdue, today, onOpenPerson, onSchedule, onOpenMeeting }: PopupViewProps) {
  return (
    <section class="occ-popup__section" aria-labelledby="occ-popup-overdue">
      <div class="occ-popup__heading-row">
        <h2 id="occ-popup-overdue" class="occ-popup__heading">
          Overdue
        </h2>
        {overdue.length > 0 ? (
          <span class="occ-chip occ-chip--bad" aria-hidden="true">
            {overdue.length}
          </span>
        ) : null}
      </div>
      {overdue.length === 0 ? (
        <p class="occ-empty">No one is overdue</p>
      ) : (
        <ul class="occ-popup__list" aria-labelledby="occ-popup-overdue">
          {overdue.map((row) => (
            <OverdueRow
              key={row.personId}
              row={row}
              today={today}
              onOpenPerson={onOpenPerson}
              onSchedule={onSchedule}
              onOpenMeeting={onOpenMeeting}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * One overdue direct: name, days since the last 1:1, and what a click does. The row itself is
 * the next step (DESIGN.md "Overdue": one click to open Calendar on the next booked 1:1, or to
 * schedule one): with a 1:1 booked it opens that event in Google Calendar, else Calendar's
 * new-event page with the person as guest. The small "History" beside it opens the person's
 * page in the options (past 1:1s, notes, action items).
 */
function OverdueRow({
  row,
  today,
  onOpenPerson,
  onSchedule,
  onOpenMeeting,
}: { row: OverdueRowView; today: string } & Pick<PopupCallbacks, 'onOpenPerson' | 'onSchedule' | 'onOpenMeeting'>) {
  const next = row.next;
  const nextWhen = next ? `${formatDay(next.day, today)}${next.timeText ? `, ${next.timeText}` : ''}` : '';
  const name = row.displayName;
  return (
    <li class="occ-overdue">
      <button
        type="button"
        class="occ-row-button occ-overdue__main"
        title={next ? `Open the next 1:1 with ${name} (${nextWhen}) in Google Calendar` : `Schedule a 1:1 with ${name} in Google Calendar`}
        onClick={() => (next ? onOpenMeeting(next.meetingId) : onSchedule(row.personId))}
      >
        <span class="occ-overdue__name">{name}</span>
        <span class="occ-visually-hidden"> — </span>
        <span class="occ-overdue__days">{daysSinceText(row.daysSinceLast)}</span>
        <span class="occ-visually-hidden"> — </span>
        {next ? (
          <span class="occ-overdue__next">
            next:{' '}
            <span class="occ-nowrap">{unbreakable(nextWhen)}</span>
          </span>
        ) : (
          <span class="occ-overdue__next">
            <span class="occ-overdue__none">nothing booked · </span>Schedule
          </span>
        )}
      </button>
      <button
        type="button"
        class="occ-button occ-button--text occ-overdue__history"
        aria-label={`History with ${name}`}
        title={`Open ${name}'s page in 1:1 Companion: past 1:1s, notes and action items`}
        onClick={() => onOpenPerson(row.personId)}
      >
        History
      </button>
    </li>
  );
}

function byStart(a: WeekMeetingView, b: WeekMeetingView): number {
  return a.start - b.start;
}

function WeekSections({ week, today, onOpenMeeting }: PopupViewProps) {
  const todays = week.filter((meeting) => meeting.day === today).sort(byStart);
  const others = week.filter((meeting) => meeting.day !== today).sort(byStart);
  return (
    <>
      <section class="occ-popup__section" aria-labelledby="occ-popup-today">
        <h2 id="occ-popup-today" class="occ-popup__heading">
          Today
        </h2>
        {todays.length === 0 ? (
          <p class="occ-empty">No 1:1s today</p>
        ) : (
          <ul class="occ-popup__list" aria-labelledby="occ-popup-today">
            {todays.map((meeting) => (
              <MeetingRow key={meeting.meetingId} meeting={meeting} today={today} showDay={false} onOpen={onOpenMeeting} />
            ))}
          </ul>
        )}
      </section>
      <section class="occ-popup__section" aria-labelledby="occ-popup-week">
        <h2 id="occ-popup-week" class="occ-popup__heading">
          This week
        </h2>
        {others.length === 0 ? (
          <p class="occ-empty">No other 1:1s this week</p>
        ) : (
          <ul class="occ-popup__list" aria-labelledby="occ-popup-week">
            {others.map((meeting) => (
              <MeetingRow key={meeting.meetingId} meeting={meeting} today={today} showDay onOpen={onOpenMeeting} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function MeetingRow({
  meeting,
  today,
  showDay,
  onOpen,
}: {
  meeting: WeekMeetingView;
  today: string;
  showDay: boolean;
  onOpen: (meetingId: string) => void;
}) {
  const when = [showDay ? formatDay(meeting.day, today) : '', meeting.timeText ?? (showDay ? '' : 'All day')]
    .filter((part) => part !== '')
    .join(' ');
  const past = isBeforeDay(meeting.day, today);
  return (
    <li class="occ-meeting" data-past={past ? 'true' : undefined} data-cancelled={meeting.cancelled ? 'true' : undefined}>
      <button type="button" class="occ-row-button occ-meeting__button" onClick={() => onOpen(meeting.meetingId)}>
        <span class="occ-meeting__when">{when}</span>
        <span class="occ-visually-hidden"> · </span>
        <span class="occ-meeting__who">
          <span class="occ-meeting__person">{meeting.personName}</span>
          <span class="occ-visually-hidden"> · </span>
          <span class="occ-meeting__title">{meeting.title}</span>
          {meeting.cancelled ? <span class="occ-visually-hidden"> (cancelled)</span> : null}
        </span>
      </button>
    </li>
  );
}

/** A bar for the hours line; the text carries the numbers, so the bar is hidden from screen readers. */
function HoursMeter({ spent, full }: { spent: number; full: number }) {
  const percent = full <= 0 ? 0 : Math.min(100, Math.max(0, (spent / full) * 100));
  return (
    <div class="occ-meter" aria-hidden="true">
      <div class="occ-meter__fill" style={{ width: `${percent.toFixed(1)}%` }} />
    </div>
  );
}

function OwedSection({ owed, today, onCloseActionItem, onReopenActionItem }: PopupViewProps) {
  // Ticked items disappear at once (the wiring's refresh may take a moment) and come back on Undo.
  const [closedIds, setClosedIds] = useState<ReadonlySet<string>>(new Set());
  const [toast, setToast] = useState<UndoToastItem | null>(null);
  const visible = owed
    .filter((item) => !closedIds.has(item.id))
    .map((item, index) => ({ item, index }))
    // Oldest first; equal times keep the order they came in.
    .sort((a, b) => a.item.createdAt - b.item.createdAt || a.index - b.index)
    .map(({ item }) => item);

  const close = (item: OwedItemView) => {
    setClosedIds((ids) => new Set(ids).add(item.id));
    setToast({ key: item.id, message: `Closed: ${item.text}`, undoName: `Undo closing ${item.text}` });
    onCloseActionItem(item.id);
  };
  const undo = (id: string) => {
    setClosedIds((ids) => {
      const next = new Set(ids);
      next.delete(id);
      return next;
    });
    setToast(null);
    onReopenActionItem(id);
  };

  return (
    <section class="occ-popup__section" aria-labelledby="occ-popup-owed">
      <h2 id="occ-popup-owed" class="occ-popup__heading">
        You owe
      </h2>
      {visible.length === 0 ? (
        <p class="occ-empty">Nothing owed: you are all caught up</p>
      ) : (
        <ul class="occ-popup__list" aria-labelledby="occ-popup-owed">
          {visible.map((item) => {
            const metaId = `occ-owed-meta-${item.id}`;
            const overdue = item.due !== undefined && isBeforeDay(item.due, today);
            return (
              <li key={item.id} class="occ-owed">
                <label class="occ-owed__label">
                  <input
                    type="checkbox"
                    class="occ-owed__check"
                    checked={false}
                    aria-describedby={metaId}
                    onChange={() => close(item)}
                  />
                  <span class="occ-owed__text">{item.text}</span>
                </label>
                <span id={metaId} class="occ-owed__meta">
                  {`${item.personName} · ${formatRelativeDay(item.createdDay, today) || formatDay(item.createdDay, today)}`}
                  {item.due ? ' ' : null}
                  {item.due ? (
                    <span class={`occ-chip${overdue ? ' occ-chip--bad' : ''}`}>{`due ${formatDay(item.due, today)}`}</span>
                  ) : null}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <UndoToast toast={toast} onUndo={undo} onDismiss={(key) => setToast((t) => (t?.key === key ? null : t))} />
    </section>
  );
}
