// The options page with real data: reads the current account's records, builds each section's
// model (options-presenter.ts), wires every callback to its action handler, keeps the section
// (and an open person) in the URL hash, and re-reads on StorageChannel notices.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { dayOf } from '../domain/calendar-time';
import { defaultSettings } from '../domain/schemas';
import type { CompanionDb } from '../storage';
import { describeStorageError } from '../storage/errors';
import { OptionsPage } from '../ui/options';
import type { OptionsPageProps, OptionsSectionId, Outcome } from '../ui/options/view-model';
import { accountView, syncEnabled, syncSummaryView, type AccountSyncState } from './account-sync';
import { refused, type ActionContext } from './action-context';
import { exportBackupFile, exportQuarantineFile, importBackupAsNewAccount, importBackupFile } from './backup-actions';
import { meetingUrl, optionsHash, parseOptionsHash, type OptionsPlace } from './links';
import { loadOptionsRecords, type OptionsRecords } from './options-data';
import { optionsViewModels, type OptionsData } from './options-presenter';
import type { PageEnvironment } from './page-environment';
import { pageActionContext, syncCallbacks, useLiveRefresh } from './page-wiring';
import {
  addTalkingPoint,
  deleteTalkingPoint,
  logMeeting,
  mergePeople,
  setArchived,
  setCadence,
  setLevel,
  setRelationship,
  setSnooze,
} from './people-actions';
import { AccountSession, resolveAccount } from './session';
import { addDaysOff, removeDayOff, setSelfAliases, setTimeZone, setUseO3Template, setWeekendDays } from './settings-actions';
import { StorageProblem } from './StoragePanel';
import { addProgress, createTarget, deleteTarget, importProgressCsv } from './target-actions';
import { planCsvImport, type CsvImportPlan } from './targets-presenter';
import { browserTimeZone } from './time';

type OptionsState =
  | { kind: 'loading' }
  | { kind: 'problem'; message: string }
  | { kind: 'ready'; data: OptionsData; timeZone: string; db?: CompanionDb };

const NO_ACCOUNT = 'No account yet: sign in with Google (Account & sync), or import a backup, first.';

async function readOptions(env: PageEnvironment, session: AccountSession, place: OptionsPlace, signingIn: boolean): Promise<OptionsState> {
  const now = env.now();
  let syncState: AccountSyncState | undefined;
  try {
    syncState = await env.sync?.state();
  } catch {
    syncState = undefined;
  }
  const account = await resolveAccount(syncState);
  const line = accountView(syncState?.account, { signingIn, ...(account ? { localAccount: account } : {}) });
  if (!account) {
    const timeZone = browserTimeZone();
    return {
      kind: 'ready',
      timeZone,
      data: {
        people: [],
        lastHeld: new Map(),
        meetingCounts: new Map(),
        targets: [],
        progress: [],
        // Shown only: nothing is stored without an account.
        settings: defaultSettings('no-account@localhost', timeZone, now),
        account: line,
        sync: syncSummaryView(syncState?.sync, now, timeZone),
        syncEnabled: false,
        quarantinedCount: 0,
      },
    };
  }
  const db = await session.open(account);
  const records: OptionsRecords = await loadOptionsRecords(db, now, place.personId);
  const { timeZone, ...rest } = records;
  return {
    kind: 'ready',
    timeZone,
    db,
    data: { ...rest, account: line, sync: syncSummaryView(syncState?.sync, now, timeZone), syncEnabled: syncEnabled(syncState) },
  };
}

export function OptionsPageContainer({ env }: { env: PageEnvironment }) {
  const [place, setPlace] = useState<OptionsPlace>(() => parseOptionsHash(location.hash));
  const [state, setState] = useState<OptionsState>({ kind: 'loading' });
  const [signingIn, setSigningIn] = useState(false);
  const [csv, setCsv] = useState<{ text: string; fileName: string; plan: CsvImportPlan } | undefined>();
  const interrupted = useRef(false);
  const session = useMemo(
    () =>
      new AccountSession((interruption) => {
        interrupted.current = true;
        setState({ kind: 'problem', message: interruption.message });
      }),
    [],
  );
  const generation = useRef(0);

  const reload = useCallback((): Promise<void> => {
    if (interrupted.current) return Promise.resolve();
    const mine = ++generation.current;
    return readOptions(env, session, place, signingIn).then(
      (next) => {
        if (mine === generation.current && !interrupted.current) setState(next);
      },
      (error: unknown) => {
        if (mine === generation.current) setState({ kind: 'problem', message: describeStorageError(error).message });
      },
    );
  }, [env, session, place, signingIn]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    const onHash = () => setPlace(parseOptionsHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  // Notes show only on a person's page; elsewhere a sidebar's autosaves need no re-read.
  useLiveRefresh(env, reload, place.personId !== undefined);

  useEffect(() => () => session.close(), [session]);

  const go = (next: OptionsPlace) => {
    const hash = optionsHash(next);
    if (location.hash !== hash) history.pushState(null, '', hash);
    setPlace(next);
  };

  if (state.kind !== 'ready') {
    return (
      <div class="occ-root occ-options">
        <header class="occ-options__header">
          <h1 class="occ-options__title">1:1 Companion</h1>
        </header>
        <main class="occ-options__main">
          {state.kind === 'loading' ? (
            <p aria-busy="true">Loading…</p>
          ) : (
            <StorageProblem message={state.message} onReload={() => location.reload()} />
          )}
        </main>
      </div>
    );
  }

  const { data, timeZone, db } = state;
  const now = env.now();
  const models = optionsViewModels(data, now, timeZone);
  const context: ActionContext | undefined = db ? pageActionContext(env, db) : undefined;
  /** Runs a write with the account's context, then re-reads what the page shows. */
  const act = <Args extends unknown[]>(handler: (ctx: ActionContext, ...args: Args) => Promise<Outcome>) =>
    async (...args: Args): Promise<Outcome> => {
      if (!context) return refused(NO_ACCOUNT);
      const outcome = await handler(context, ...args);
      await reload();
      return outcome;
    };
  const personPage = models.personPage;
  const openPersonId = personPage?.person.id;

  const props: OptionsPageProps = {
    section: place.section,
    onSelectSection: (section: OptionsSectionId) => go({ section }),
    people: {
      ...models.people,
      onSetRelationship: act(setRelationship),
      onSetLevel: act(setLevel),
      onSetCadence: act(setCadence),
      onSetSnooze: act(setSnooze),
      onSetArchived: act(setArchived),
      onMerge: act(mergePeople),
      onOpenPerson: (personId) => go({ section: 'people', personId }),
    },
    ...(personPage && openPersonId
      ? {
          personPage: {
            ...personPage,
            onBack: () => go({ section: 'people' }),
            onLogMeeting: act((ctx, input) => logMeeting(ctx, openPersonId, input)),
            onAddTalkingPoint: act((ctx, text: string) => addTalkingPoint(ctx, openPersonId, text)),
            onDeleteTalkingPoint: act(deleteTalkingPoint),
            onOpenMeeting: (meetingId) => {
              const entry = data.personPage?.history.find((h) => h.meeting.id === meetingId);
              const url = entry ? meetingUrl(entry.meeting) : undefined;
              if (url) env.openTab(url);
            },
          },
        }
      : {}),
    targets: {
      ...models.targets,
      onCreateTarget: act(createTarget),
      onDeleteTarget: act(deleteTarget),
      onAddProgress: act(addProgress),
      onCsvChosen: (text, fileName) => {
        const plan = planCsvImport(text, fileName, { targets: data.targets, progress: [], people: data.people, settings: data.settings }, dayOf(now, timeZone));
        setCsv({ text, fileName, plan });
      },
      ...(csv ? { csvPreview: csv.plan.preview } : {}),
      onImportCsv: async () => {
        if (!csv) return refused('Choose a CSV file first.');
        const outcome = await act((ctx) => importProgressCsv(ctx, csv.text, csv.fileName))();
        if (outcome.ok) setCsv(undefined);
        return outcome;
      },
      onClearCsv: () => setCsv(undefined),
    },
    daysOff: {
      ...models.daysOff,
      onAddDaysOff: act(addDaysOff),
      onRemoveDayOff: act(removeDayOff),
      onSetWeekendDays: act(setWeekendDays),
    },
    backup: {
      ...models.backup,
      onExport: act((ctx) => exportBackupFile(ctx, env.saveFile)),
      onImport: async (text) => {
        if (context) {
          const report = await importBackupFile(context, text);
          if (report.ok) env.refreshBadge();
          await reload();
          return report;
        }
        // A browser with no account yet: restoring a backup sets one up.
        const { report } = await importBackupAsNewAccount(text, env.now(), (message) => env.channel.post(message));
        if (report.ok) env.refreshBadge();
        await reload();
        return report;
      },
    },
    account: {
      ...models.account,
      ...syncCallbacks(env, reload, setSigningIn, data.sync.kind === 'failed'),
      onExportQuarantined: act((ctx) => exportQuarantineFile(ctx, env.saveFile)),
    },
    settings: {
      ...models.settings,
      onSetTimeZone: act(setTimeZone),
      onSetSelfAliases: act(setSelfAliases),
      onSetUseO3Template: act(setUseO3Template),
    },
  };
  return <OptionsPage {...props} />;
}
