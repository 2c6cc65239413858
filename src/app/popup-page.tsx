// The toolbar popup with real data: reads the current account's records, builds the view model
// (popup-presenter.ts), renders PopupView, acts on its callbacks, and re-reads on StorageChannel
// notices and sync-state changes.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { dayOf } from '../domain/calendar-time';
import { getMeeting, type CompanionDb } from '../storage';
import { describeStorageError } from '../storage/errors';
import { PopupView } from '../ui/popup';
import type { PopupCallbacks, PopupViewModel } from '../ui/popup/view-model';
import type { OptionsSectionId } from '../ui/options/view-model';
import { accountView, syncEnabled, syncSummaryView, type AccountSyncState } from './account-sync';
import type { ActionContext } from './action-context';
import { CALENDAR_URL, meetingUrl, optionsHash, scheduleOneOnOneUrl } from './links';
import type { PageEnvironment } from './page-environment';
import { pageActionContext, syncCallbacks, useLiveRefresh } from './page-wiring';
import { setOwedItemDone } from './popup-actions';
import { loadPopupRecords, type PopupRecords } from './popup-data';
import { popupViewModel } from './popup-presenter';
import { AccountSession, resolveAccount } from './session';
import { StorageProblem } from './StoragePanel';
import { browserTimeZone } from './time';

type PopupState =
  | { kind: 'loading' }
  | { kind: 'problem'; message: string }
  | { kind: 'ready'; model: PopupViewModel; records?: PopupRecords; db?: CompanionDb };

/** Everything the popup shows, read once. */
async function readPopup(env: PageEnvironment, session: AccountSession, signingIn: boolean): Promise<PopupState> {
  const now = env.now();
  let syncState: AccountSyncState | undefined;
  try {
    syncState = await env.sync?.state();
  } catch {
    syncState = undefined; // no engine answering: the popup still works on local data
  }
  const account = await resolveAccount(syncState);
  const accountLine = accountView(syncState?.account, { signingIn, ...(account ? { localAccount: account } : {}) });
  if (!account) {
    // No account yet (not signed in, nothing local): PopupView explains the next step.
    const timeZone = browserTimeZone();
    return {
      kind: 'ready',
      model: {
        today: dayOf(now, timeZone),
        account: accountLine,
        sync: syncSummaryView(syncState?.sync, now, timeZone),
        noOneOnOnesYet: true,
        overdue: [],
        week: [],
        owed: [],
      },
    };
  }
  const db = await session.open(account);
  const records = await loadPopupRecords(db, now);
  const model = popupViewModel(
    { ...records, account: accountLine, sync: syncSummaryView(syncState?.sync, now, records.timeZone), syncEnabled: syncEnabled(syncState) },
    now,
    records.timeZone,
  );
  return { kind: 'ready', model, records, db };
}

export function PopupPage({ env }: { env: PageEnvironment }) {
  const [state, setState] = useState<PopupState>({ kind: 'loading' });
  const [signingIn, setSigningIn] = useState(false);
  const interrupted = useRef<string | undefined>(undefined);
  const session = useMemo(
    () =>
      new AccountSession((interruption) => {
        interrupted.current = interruption.message;
        setState({ kind: 'problem', message: interruption.message });
      }),
    [],
  );
  const generation = useRef(0);

  const reload = useCallback(() => {
    if (interrupted.current) return;
    const mine = ++generation.current;
    readPopup(env, session, signingIn).then(
      (next) => {
        if (mine === generation.current && !interrupted.current) setState(next);
      },
      (error: unknown) => {
        if (mine === generation.current) setState({ kind: 'problem', message: describeStorageError(error).message });
      },
    );
  }, [env, session, signingIn]);

  useEffect(() => {
    reload();
  }, [reload]);

  // Live refresh: other pages, the sidebar and the worker say what changed (the popup shows no notes).
  useLiveRefresh(env, reload, false);

  useEffect(() => () => session.close(), [session]);

  if (state.kind === 'loading' || state.kind === 'problem') {
    return (
      <div class="occ-root occ-popup">
        <header class="occ-popup__header">
          <h1 class="occ-popup__title">1:1 Companion</h1>
        </header>
        {state.kind === 'loading' ? (
          <p class="occ-popup__loading" aria-busy="true">
            Loading…
          </p>
        ) : (
          <StorageProblem
            message={state.message}
            onReload={() => {
              interrupted.current = undefined;
              location.reload();
            }}
          />
        )}
      </div>
    );
  }

  const { model, records, db } = state;
  const context: ActionContext | undefined = db ? pageActionContext(env, db, reload) : undefined;
  const open = (url: string) => {
    env.openTab(url);
    env.closeWindow?.();
  };
  const openOptions = (hash: string) => open(env.extensionUrl(`/options.html${hash}`));
  const callbacks: PopupCallbacks = {
    onOpenPerson: (personId) => openOptions(optionsHash({ section: 'people', personId })),
    onSchedule: (personId) => {
      const person = records?.people.find((p) => p.id === personId);
      if (person) open(scheduleOneOnOneUrl(person));
    },
    onOpenMeeting: (meetingId) => {
      const known = records?.meetings.find((m) => m.id === meetingId);
      void (known ? Promise.resolve(known) : db ? getMeeting(db, meetingId) : Promise.resolve(undefined)).then((meeting) => {
        if (!meeting) return;
        const url = meetingUrl(meeting);
        if (url) open(url);
        else if (meeting.personId) openOptions(optionsHash({ section: 'people', personId: meeting.personId }));
      });
    },
    onCloseActionItem: (id) => {
      if (context) void setOwedItemDone(context, id, true).then((outcome) => !outcome.ok && reportInPopup(outcome.message, setState));
    },
    onReopenActionItem: (id) => {
      if (context) void setOwedItemDone(context, id, false).then((outcome) => !outcome.ok && reportInPopup(outcome.message, setState));
    },
    ...syncCallbacks(env, reload, setSigningIn, model.sync.kind === 'failed'),
    onOpenCalendar: () => open(CALENDAR_URL),
    onOpenOptions: (section?: OptionsSectionId) => openOptions(section ? optionsHash({ section }) : ''),
  };
  return <PopupView {...model} {...callbacks} />;
}

/** A write the popup could not make: shown instead of the lists, with a way back. */
function reportInPopup(message: string, setState: (state: PopupState) => void): void {
  setState({ kind: 'problem', message });
}
