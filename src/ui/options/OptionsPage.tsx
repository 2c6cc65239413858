import '../shared/theme.css';
import '../popup/popup.css';
import './options.css';
import { useRef } from 'preact/hooks';
import { AccountSection } from './AccountSection';
import { BackupSection } from './BackupSection';
import { DaysOffSection } from './DaysOffSection';
import { PeopleSection } from './PeopleSection';
import { PersonPage } from './PersonPage';
import { SettingsSection } from './SettingsSection';
import { TargetsSection } from './TargetsSection';
import type { OptionsPageProps, OptionsSectionId } from './view-model';

export const OPTIONS_SECTIONS: { id: OptionsSectionId; label: string }[] = [
  { id: 'people', label: 'People' },
  { id: 'targets', label: 'Targets' },
  { id: 'days-off', label: 'Days off' },
  { id: 'backup', label: 'Backup' },
  { id: 'account', label: 'Account & sync' },
  { id: 'settings', label: 'Settings' },
];

/**
 * The options page: one tab per section (WAI-ARIA tabs: arrow keys, Home and End move between
 * them). The section shown is the wiring's state, so it can live in the URL hash and the popup
 * can open the page at a section.
 */
export function OptionsPage(props: OptionsPageProps) {
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const currentIndex = Math.max(
    0,
    OPTIONS_SECTIONS.findIndex((section) => section.id === props.section),
  );
  const current = OPTIONS_SECTIONS[currentIndex]!;

  const move = (index: number) => {
    const count = OPTIONS_SECTIONS.length;
    const next = OPTIONS_SECTIONS[(index + count) % count]!;
    props.onSelectSection(next.id);
    tabRefs.current[(index + count) % count]?.focus();
  };

  return (
    <div class="occ-root occ-options">
      <header class="occ-options__header">
        <h1 class="occ-options__title">1:1 Companion</h1>
      </header>
      <div class="occ-options__layout">
        <div class="occ-options__nav">
          <div role="tablist" aria-orientation="vertical" aria-label="Settings sections" class="occ-tabs">
            {OPTIONS_SECTIONS.map((section, index) => {
              const selected = section.id === current.id;
              return (
                <button
                  key={section.id}
                  ref={(element) => {
                    tabRefs.current[index] = element;
                  }}
                  type="button"
                  role="tab"
                  id={`occ-tab-${section.id}`}
                  class="occ-tab"
                  aria-selected={selected ? 'true' : 'false'}
                  aria-controls="occ-options-panel"
                  tabIndex={selected ? 0 : -1}
                  onClick={() => props.onSelectSection(section.id)}
                  onKeyDown={(event) => {
                    const keys: Record<string, number> = {
                      ArrowDown: index + 1,
                      ArrowRight: index + 1,
                      ArrowUp: index - 1,
                      ArrowLeft: index - 1,
                      Home: 0,
                      End: OPTIONS_SECTIONS.length - 1,
                    };
                    const target = keys[event.key];
                    if (target === undefined) return;
                    event.preventDefault();
                    move(target);
                  }}
                >
                  {section.label}
                </button>
              );
            })}
          </div>
        </div>
        <main class="occ-options__main">
          <div id="occ-options-panel" role="tabpanel" aria-labelledby={`occ-tab-${current.id}`} class="occ-options__panel">
            <SectionContent {...props} section={current.id} />
          </div>
        </main>
      </div>
    </div>
  );
}

function SectionContent(props: OptionsPageProps) {
  switch (props.section) {
    case 'people':
      return props.personPage ? <PersonPage key={props.personPage.person.id} {...props.personPage} /> : <PeopleSection {...props.people} />;
    case 'targets':
      return <TargetsSection {...props.targets} />;
    case 'days-off':
      return <DaysOffSection {...props.daysOff} />;
    case 'backup':
      return <BackupSection {...props.backup} />;
    case 'account':
      return <AccountSection {...props.account} />;
    case 'settings':
      return <SettingsSection {...props.settings} />;
  }
}
