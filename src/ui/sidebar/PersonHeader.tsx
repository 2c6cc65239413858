import type { ComponentChildren } from 'preact';
import { formatDay } from '../shared/relative-date';
import { fullName } from './person-names';
import type { MeetingView, PersonView } from './view-model';
import './sidebar.css';

export interface PersonHeaderProps {
  person: PersonView;
  meeting: MeetingView;
  today: string;
  /** Buttons at the header's end (the meeting menu, a close button). */
  actions?: ComponentChildren;
}

/** The other person's name (the page's h1), their email and level, and this meeting's title and date. */
export function PersonHeader({ person, meeting, today, actions }: PersonHeaderProps) {
  const name = fullName(person);
  const email = person.email?.trim();
  const details = [email !== undefined && email !== '' && email !== name ? email : undefined, person.levelText]
    .filter((part): part is string => part !== undefined && part !== '')
    .join(' · ');
  const when = [formatDay(meeting.day, today), meeting.timeText].filter(Boolean).join(', ');
  return (
    <header class="occ-header">
      <div class="occ-header__text">
        <h1 class="occ-header__name">{name}</h1>
        {details !== '' ? <p class="occ-header__details">{details}</p> : null}
        <p class="occ-header__meeting">
          <span class="occ-header__title">{meeting.title}</span>
          <span class="occ-header__when"> · {when}</span>
          {meeting.markedHeld ? <span class="occ-chip occ-chip--good occ-header__held">Marked as held</span> : null}
        </p>
      </div>
      {actions !== undefined ? <div class="occ-header__actions">{actions}</div> : null}
    </header>
  );
}
