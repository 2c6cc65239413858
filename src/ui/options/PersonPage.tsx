import { useState } from 'preact/hooks';
import { formatDay, formatRelativeDay } from '../shared/relative-date';
import { shortName } from '../sidebar/person-names';
import { ActionMessage } from './ActionMessage';
import { Highlighted, matches, searchPattern } from './Highlighted';
import { useAction } from './use-action';
import { checkDuration, checkHeldDay, checkTime } from './validation';
import type { HistoryEntryView, HistoryState, PersonPageProps } from './view-model';

const STATE_LABELS: Record<HistoryState, string> = {
  held: 'Held',
  cancelled: 'Cancelled',
  declined: 'Declined',
  logged: 'Logged (off the calendar)',
  upcoming: 'Upcoming',
};

function stateLabel(entry: HistoryEntryView, theirName: string): string {
  if (entry.state === 'declined' && entry.declinedBy) {
    return entry.declinedBy === 'me' ? 'Declined by you' : `Declined by ${theirName}`;
  }
  return STATE_LABELS[entry.state];
}

/** Who owns an action item, as the sidebar says it: "Me", or the person's first name. */
function ownerLabel(owner: 'me' | 'them', theirName: string): string {
  return owner === 'me' ? 'Me' : theirName;
}

/** Every searchable text of a history entry. */
function entryText(entry: HistoryEntryView): string {
  return [entry.title, entry.sharedNotes, entry.privateNotes, ...entry.actionItems.map((item) => item.text)].join('\n');
}

/**
 * One person's page: the whole history of 1:1s (newest first) with notes and action items,
 * searchable; log a 1:1 held off the calendar; talking points for next time.
 */
export function PersonPage(props: PersonPageProps) {
  const { person, today } = props;
  const [query, setQuery] = useState('');
  const pattern = searchPattern(query);
  const history = [...props.history].sort((a, b) => b.start - a.start);
  const shown = history.filter((entry) => matches(entryText(entry), pattern));
  // Items and declines name the person as the sidebar does ("Dana"), never "them".
  const theirName = shortName(person);

  return (
    <section class="occ-options__section occ-person-page" aria-labelledby="occ-person-heading">
      <button type="button" class="occ-button occ-button--text occ-back" onClick={props.onBack}>
        ← All people
      </button>
      <h2 id="occ-person-heading" class="occ-options__heading">
        {person.displayName}
      </h2>
      <p class="occ-secondary">
        {[person.email, person.summaryText].filter((part) => part !== undefined && part !== '').join(' · ')}
      </p>

      <TalkingPoints {...props} />
      <LogMeetingForm {...props} />

      <section class="occ-options__subsection" aria-labelledby="occ-history-heading">
        <h3 id="occ-history-heading" class="occ-options__subheading">
          History
        </h3>
        <label class="occ-toolbar__field">
          <span>Search this history</span>
          <input
            type="search"
            class="occ-input"
            value={query}
            onInput={(event) => setQuery(event.currentTarget.value)}
            aria-describedby="occ-history-count"
          />
        </label>
        <p id="occ-history-count" class="occ-secondary" role="status">
          {pattern
            ? `${shown.length} of ${history.length} ${history.length === 1 ? '1:1' : '1:1s'} match`
            : `${history.length} ${history.length === 1 ? '1:1' : '1:1s'}`}
        </p>
        {history.length === 0 ? (
          <p class="occ-empty">No 1:1s with {person.displayName} yet.</p>
        ) : shown.length === 0 ? (
          <p class="occ-empty">No 1:1 mentions “{query.trim()}”.</p>
        ) : (
          <ol class="occ-history" aria-label={`1:1s with ${person.displayName}, newest first`}>
            {shown.map((entry) => (
              <HistoryEntry
                key={entry.meetingId}
                entry={entry}
                today={today}
                theirName={theirName}
                pattern={pattern}
                onOpenMeeting={props.onOpenMeeting}
              />
            ))}
          </ol>
        )}
      </section>
    </section>
  );
}

function HistoryEntry({
  entry,
  today,
  theirName,
  pattern,
  onOpenMeeting,
}: {
  entry: HistoryEntryView;
  today: string;
  /** What the person is called in item owners and declines ("Dana"). */
  theirName: string;
  pattern: RegExp | undefined;
  onOpenMeeting: (meetingId: string) => void;
}) {
  const tone = entry.state === 'held' || entry.state === 'logged' ? 'good' : entry.state === 'upcoming' ? 'neutral' : 'bad';
  return (
    <li class="occ-history__entry" data-state={entry.state}>
      <article aria-label={`${formatDay(entry.day, today)}: ${entry.title}`}>
        <header class="occ-history__header">
          <span class="occ-history__date">
            {formatDay(entry.day, today)}
            {entry.timeText ? ` ${entry.timeText}` : ''}
          </span>
          <span class={`occ-chip occ-chip--${tone}`}>{stateLabel(entry, theirName)}</span>
          <span class="occ-history__title">
            <Highlighted text={entry.title} pattern={pattern} />
          </span>
          {entry.inCalendar ? (
            <button
              type="button"
              class="occ-button occ-button--text"
              aria-label={`Open the 1:1 of ${formatDay(entry.day, today)} in Google Calendar`}
              onClick={() => onOpenMeeting(entry.meetingId)}
            >
              Open in Calendar
            </button>
          ) : null}
        </header>
        {entry.sharedNotes.trim() !== '' ? (
          <div class="occ-history__notes">
            <h4 class="occ-history__label">Shared notes</h4>
            <p class="occ-prewrap">
              <Highlighted text={entry.sharedNotes} pattern={pattern} />
            </p>
          </div>
        ) : null}
        {entry.privateNotes.trim() !== '' ? (
          <div class="occ-history__notes occ-history__notes--private">
            <h4 class="occ-history__label">
              Private notes <span class="occ-chip">Private: never leaves this browser</span>
            </h4>
            <p class="occ-prewrap">
              <Highlighted text={entry.privateNotes} pattern={pattern} />
            </p>
          </div>
        ) : null}
        {entry.actionItems.length > 0 ? (
          <div class="occ-history__notes">
            <h4 class="occ-history__label">Action items</h4>
            <ul class="occ-history__items">
              {entry.actionItems.map((item) => (
                <li key={item.id} data-done={item.done ? 'true' : undefined}>
                  <span class="occ-visually-hidden">{item.done ? 'Done: ' : 'Open: '}</span>
                  <span aria-hidden="true">{item.done ? '☑ ' : '☐ '}</span>
                  <Highlighted text={item.text} pattern={pattern} />
                  <span class="occ-secondary">{` · ${ownerLabel(item.owner, theirName)}`}</span>
                  {item.due ? <span class="occ-secondary">{` · due ${formatDay(item.due, today)}`}</span> : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {entry.sharedNotes.trim() === '' && entry.privateNotes.trim() === '' && entry.actionItems.length === 0 ? (
          <p class="occ-secondary">No notes.</p>
        ) : null}
      </article>
    </li>
  );
}

function TalkingPoints({ person, today, talkingPoints, onAddTalkingPoint, onDeleteTalkingPoint }: PersonPageProps) {
  const [text, setText] = useState('');
  const add = useAction(onAddTalkingPoint);
  const remove = useAction(onDeleteTalkingPoint);
  const submit = async () => {
    const trimmed = text.trim();
    if (trimmed === '') {
      add.setRefused('Write the talking point first.');
      return;
    }
    if (await add.run(trimmed)) setText('');
  };
  return (
    <section class="occ-options__subsection" aria-labelledby="occ-talking-points-heading">
      <h3 id="occ-talking-points-heading" class="occ-options__subheading">
        For the next 1:1
      </h3>
      {talkingPoints.length === 0 ? (
        <p class="occ-empty">No talking points saved for {person.displayName}.</p>
      ) : (
        <ul class="occ-plain-list">
          {talkingPoints.map((point) => (
            <li key={point.id} class="occ-cell-row">
              <span class="occ-grow">{point.text}</span>
              <span class="occ-secondary">{formatRelativeDay(point.createdDay, today)}</span>
              <button
                type="button"
                class="occ-icon-button"
                aria-label={`Remove talking point: ${point.text}`}
                title="Remove"
                onClick={() => void remove.run(point.id)}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <ActionMessage state={remove.state} />
      <form
        class="occ-form-row"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <label class="occ-field occ-grow">
          <span>Add talking point for next time</span>
          <input type="text" class="occ-input" value={text} onInput={(event) => setText(event.currentTarget.value)} />
        </label>
        <button type="submit" class="occ-button" disabled={add.state.kind === 'busy'}>
          Add
        </button>
      </form>
      <ActionMessage state={add.state} />
    </section>
  );
}

function LogMeetingForm({ person, today, onLogMeeting }: PersonPageProps) {
  const [open, setOpen] = useState(false);
  const [day, setDay] = useState(today);
  const [time, setTime] = useState('');
  const [duration, setDuration] = useState('30');
  const [shared, setShared] = useState('');
  const [privateText, setPrivateText] = useState('');
  const log = useAction(onLogMeeting);

  const submit = async () => {
    const checkedDay = checkHeldDay(day, today);
    if (!checkedDay.ok) return log.setRefused(checkedDay.message);
    const checkedTime = checkTime(time);
    if (!checkedTime.ok) return log.setRefused(checkedTime.message);
    const checkedDuration = checkDuration(duration);
    if (!checkedDuration.ok) return log.setRefused(checkedDuration.message);
    const done = await log.run({
      day: checkedDay.value,
      time: checkedTime.value,
      durationMinutes: checkedDuration.value,
      sharedNotes: shared,
      privateNotes: privateText,
    });
    if (done) {
      setShared('');
      setPrivateText('');
      setTime('');
      setOpen(false);
    }
  };

  return (
    <section class="occ-options__subsection" aria-labelledby="occ-log-heading">
      <h3 id="occ-log-heading" class="occ-options__subheading">
        Log a 1:1 held off the calendar
      </h3>
      {!open ? (
        <>
          <p class="occ-options__intro">A walk, a call, a chat in the corridor: it counts as held, and its notes stay with the rest.</p>
          <button
            type="button"
            class="occ-button"
            onClick={() => {
              log.reset();
              setOpen(true);
            }}
          >
            Log a 1:1…
          </button>
          {log.state.kind === 'done' ? (
            <p class="occ-field-note" role="status">
              {log.state.message ?? `Logged a 1:1 with ${person.displayName}.`}
            </p>
          ) : null}
        </>
      ) : (
        <form
          class="occ-form"
          aria-labelledby="occ-log-heading"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <div class="occ-form-row">
            <label class="occ-field">
              <span>Date</span>
              <input type="date" class="occ-input" max={today} required value={day} onInput={(event) => setDay(event.currentTarget.value)} />
            </label>
            <label class="occ-field">
              <span>Time</span>
              <input type="time" class="occ-input" required value={time} onInput={(event) => setTime(event.currentTarget.value)} />
            </label>
            <label class="occ-field">
              <span>Duration (minutes)</span>
              <input
                type="text"
                inputMode="numeric"
                class="occ-input occ-input--narrow"
                value={duration}
                onInput={(event) => setDuration(event.currentTarget.value)}
              />
            </label>
          </div>
          <label class="occ-field">
            <span>Shared notes</span>
            <textarea
              class="occ-textarea"
              rows={4}
              value={shared}
              aria-describedby="occ-log-shared-hint"
              onInput={(event) => setShared(event.currentTarget.value)}
            />
          </label>
          <p id="occ-log-shared-hint" class="occ-secondary">
            This 1:1 has no calendar event, so its notes are kept in this browser and in backups.
          </p>
          <label class="occ-field">
            <span>Private notes (never leave this browser)</span>
            <textarea class="occ-textarea" rows={3} value={privateText} onInput={(event) => setPrivateText(event.currentTarget.value)} />
          </label>
          <ActionMessage state={log.state} />
          <div class="occ-form-row">
            <button type="submit" class="occ-button occ-button--filled" disabled={log.state.kind === 'busy'}>
              Log 1:1
            </button>
            <button type="button" class="occ-button occ-button--text" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
