import { ActionItemsSection } from './ActionItemsSection';
import { LastNotesSection } from './LastNotesSection';
import { MeetingMenu } from './MeetingMenu';
import { MeetingNotesSection } from './MeetingNotesSection';
import { fullName, shortName } from './person-names';
import { PersonHeader } from './PersonHeader';
import { StorageProblemBanner } from './StorageProblemBanner';
import { SyncStatusLine } from './SyncStatusLine';
import { TalkingPointsSection } from './TalkingPointsSection';
import { TargetsSection } from './TargetsSection';
import type { SidebarViewProps } from './view-model';
import '../shared/theme.css';
import './sidebar.css';

/**
 * The sidebar for one 1:1: an `<aside>` named "1:1 with <name>" holding, in reading and Tab
 * order, the person and meeting (with the 1:1 options menu), any storage problem, Last notes,
 * Talking points, Action items, Targets, this meeting's shared and private notes, and the
 * sync state. Everything comes from props; every user action is a callback.
 */
export function SidebarView(props: SidebarViewProps) {
  const { person, meeting, today } = props;
  const name = fullName(person);
  const short = shortName(person);
  return (
    <aside class="occ-root occ-sidebar" aria-label={`1:1 with ${name}`}>
      <PersonHeader
        person={person}
        meeting={meeting}
        today={today}
        actions={
          <>
            <MeetingMenu
              meeting={meeting}
              onOverride={props.onOverride}
              onClearOverride={props.onClearOverride}
              onSetMarkedHeld={props.onSetMarkedHeld}
            />
            {props.onClose ? (
              <button type="button" class="occ-icon-button" aria-label="Close sidebar" title="Close" onClick={props.onClose}>
                <span aria-hidden="true">×</span>
              </button>
            ) : null}
          </>
        }
      />
      <StorageProblemBanner
        problems={props.storageProblems}
        onRetrySave={props.onRetrySave}
        onReload={props.onReload}
        onExportQuarantined={props.onExportQuarantined}
      />
      <LastNotesSection
        lastNotes={props.lastNotes}
        today={today}
        personShortName={short}
        onShowOlderNotes={props.onShowOlderNotes}
        onShowNewerNotes={props.onShowNewerNotes}
      />
      <TalkingPointsSection
        talkingPoints={props.talkingPoints}
        onAddTalkingPoint={props.onAddTalkingPoint}
        onSetTalkingPointDiscussed={props.onSetTalkingPointDiscussed}
        onDeleteTalkingPoint={props.onDeleteTalkingPoint}
      />
      <ActionItemsSection
        actionItems={props.actionItems}
        today={today}
        personShortName={short}
        onAddActionItem={props.onAddActionItem}
        onCloseActionItem={props.onCloseActionItem}
        onReopenActionItem={props.onReopenActionItem}
        onUpdateActionItem={props.onUpdateActionItem}
      />
      <TargetsSection
        targets={props.targets}
        personShortName={short}
        onAddProgress={props.onAddProgress}
        onOpenSettings={props.onOpenSettings}
      />
      <MeetingNotesSection
        notes={props.notes}
        personFullName={name}
        onSharedNotesInput={props.onSharedNotesInput}
        onPrivateNotesInput={props.onPrivateNotesInput}
      />
      <footer class="occ-footer">
        <SyncStatusLine sync={props.sync} onRetrySync={props.onRetrySync} onSignIn={props.onSignIn} />
      </footer>
    </aside>
  );
}
