// Everything the sidebar shows for one 1:1, read at once: the person's thread (loadPersonThread:
// last notes, talking points, open action items, current targets, this meeting's notes), the
// targets that ended recently (for "did they hit last week's target"), the directs (a team
// target's share) and how many records were set aside. The reads are independent and start
// together; each is bounded by this person (or by the handful of directs and team targets).
import type { CalendarDay, Meeting, Person, Settings } from '../../domain/schemas';
import { listDirects, loadPersonThread, quarantineCount, ReadChecker, settle, type CompanionDb, type TargetWithProgress } from '../../storage';
import type { SidebarRecords } from './presenter';
import { historySince } from './targets-view';

/**
 * Targets of this person (and the team's) whose period ended in [since, today): the previous
 * periods the sidebar reports on. Current ones come with the thread.
 */
export async function loadRecentTargets(db: CompanionDb, personId: string, since: CalendarDay, today: CalendarDay): Promise<TargetWithProgress[]> {
  if (since >= today) return [];
  const checker = new ReadChecker(db.account);
  const tx = db.idb.transaction(['targets', 'progress'], 'readonly');
  const targets = tx.objectStore('targets');
  const [own, team] = await Promise.all([
    targets.index('by-person-end').getAll(IDBKeyRange.bound([personId, since], [personId, today], false, true)),
    targets.index('by-kind-end').getAll(IDBKeyRange.bound(['team', since], ['team', today], false, true)),
  ]);
  const ended = [...checker.checkAll('targets', own), ...checker.checkAll('targets', team)];
  const progress = tx.objectStore('progress').index('by-target-date');
  const withProgress = await Promise.all(
    ended.map(async (target): Promise<TargetWithProgress> => {
      const entries = checker.checkAll('progress', await progress.getAll(IDBKeyRange.bound([target.id, ''], [target.id, '\uffff'])));
      return { target, progress: target.owner.kind === 'team' ? entries.filter((entry) => entry.personId === personId) : entries };
    }),
  );
  await settle(db, checker);
  return withProgress;
}

export interface SidebarReadQuery {
  meeting: Meeting;
  person: Person;
  settings: Settings;
  today: CalendarDay;
}

export async function loadSidebarRecords(db: CompanionDb, { meeting, person, settings, today }: SidebarReadQuery): Promise<SidebarRecords> {
  const [thread, recentTargets, directs, quarantined] = await Promise.all([
    loadPersonThread(db, { personId: person.id, meetingId: meeting.id, meetingStart: meeting.start, today }),
    loadRecentTargets(db, person.id, historySince(person.level, today, settings), today),
    listDirects(db),
    quarantineCount(db),
  ]);
  return { meeting, person: thread.person ?? person, thread, recentTargets, directs, settings, quarantined };
}
