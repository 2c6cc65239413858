// A manager's calendar for the demo and for trying the fake by hand, placed relative to `now` so
// it never goes stale: weekly 1:1s with three directs (one with an agenda already in its
// description, one series the direct organises), the manager's own 1:1 with their boss (organised
// by the boss, guests may not modify), a team meeting, a room booking and an all-day day off.
//
//   npx vite-node test/fake-calendar-api/main.ts --seed test/fake-calendar-api/example-seed.ts
import type { SeedModule } from './cli';
import { DAY_MS } from './time';

export const MANAGER = 'alex.manager@example.com';
export const MANAGER_TOKEN = 'demo-token';
export const DIRECTS = [
  { email: 'dana.reyes@example.com', displayName: 'Dana Reyes' },
  { email: 'sam.okafor@example.com', displayName: 'Sam Okafor' },
  { email: 'lee.chen@example.com', displayName: 'Lee Chen' },
] as const;
export const BOSS = { email: 'jordan.boss@example.com', displayName: 'Jordan Blake' };
const TIME_ZONE = 'Europe/Berlin';

/** `YYYY-MM-DDTHH:MM:00` (a wall time in TIME_ZONE) for the Monday of the week `weeks` from now, plus `day`. */
function wallTime(now: number, weeks: number, day: number, hour: number, minute = 0): string {
  const date = new Date(now + weeks * 7 * DAY_MS);
  const monday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - ((date.getUTCDay() + 6) % 7) + day));
  return `${monday.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00`;
}

const seed: SeedModule = (state, { now }) => {
  state.addUser({ email: MANAGER, token: MANAGER_TOKEN, timeZone: TIME_ZONE });
  const me = { email: MANAGER, displayName: 'Alex Morgan' };
  const timed = (text: string) => ({ dateTime: text, timeZone: TIME_ZONE });
  const plusMinutes = (text: string, minutes: number) => {
    const [date, time] = text.split('T') as [string, string];
    const [hours, mins] = time.split(':').map(Number) as [number, number];
    const total = hours * 60 + mins + minutes;
    return `${date}T${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}:00`;
  };

  DIRECTS.forEach((direct, index) => {
    const start = wallTime(now, -10, index, 10); // ten weeks back, Monday/Tuesday/Wednesday 10:00
    state.addEvent(MANAGER, {
      id: `oneonone${index}0001`,
      summary: `${me.displayName.split(' ')[0]} / ${direct.displayName.split(' ')[0]} 1:1`,
      start: timed(start),
      end: timed(plusMinutes(start, 30)),
      recurrence: ['RRULE:FREQ=WEEKLY'],
      attendees: [{ ...me, responseStatus: 'accepted' }, { ...direct, responseStatus: 'accepted' }],
      ...(index === 0 && { description: 'Agenda: your 10 minutes, my 10 minutes, the next 10.' }),
      // Sam runs their own 1:1 series; Alex is a guest who may still edit it.
      ...(index === 1 && { organizer: direct, guestsCanModify: true }),
    });
  });

  const bossStart = wallTime(now, -10, 3, 15);
  state.addEvent(MANAGER, {
    id: 'bossoneone001',
    summary: '1:1 Jordan <> Alex',
    start: timed(bossStart),
    end: timed(plusMinutes(bossStart, 45)),
    recurrence: ['RRULE:FREQ=WEEKLY;INTERVAL=2'],
    organizer: BOSS,
    attendees: [{ ...BOSS, responseStatus: 'accepted' }, { ...me, responseStatus: 'accepted' }],
  });

  const teamStart = wallTime(now, -10, 4, 11);
  state.addEvent(MANAGER, {
    id: 'teammeet0001',
    summary: 'Team sync',
    start: timed(teamStart),
    end: timed(plusMinutes(teamStart, 60)),
    recurrence: ['RRULE:FREQ=WEEKLY'],
    attendees: [
      { ...me, responseStatus: 'accepted' },
      ...DIRECTS.map((direct) => ({ ...direct, responseStatus: 'accepted' })),
      { email: 'c_1889room4@resource.calendar.google.com', displayName: 'Room 4', resource: true, responseStatus: 'accepted' },
    ],
  });

  const offDay = wallTime(now, 1, 4, 0).slice(0, 10);
  const nextDay = new Date(Date.parse(`${offDay}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  state.addEvent(MANAGER, { id: 'timeoff00001', summary: 'Day off', start: { date: offDay }, end: { date: nextDay }, transparency: 'transparent' });
};

export default seed;
