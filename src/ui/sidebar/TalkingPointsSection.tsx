import { useId, useState } from 'preact/hooks';
import type { TalkingPointsView, TalkingPointView } from './view-model';
import './sidebar.css';

export interface TalkingPointsSectionProps {
  talkingPoints: TalkingPointsView;
  /** Add a point for the person's next 1:1 (trimmed, never empty). */
  onAddTalkingPoint: (text: string) => void;
  onSetTalkingPointDiscussed: (id: string, discussed: boolean) => void;
  /** Remove a point saved for next time. */
  onDeleteTalkingPoint: (id: string) => void;
}

/**
 * "Talking points": what was collected for this 1:1 (each with a "Discussed" toggle), what was
 * saved from here for the next one, and a box that saves a point "for next time" on Enter.
 * The toggle is a pressed-state button, not a checkbox, so the only checkboxes in the sidebar
 * are the action items'.
 */
export function TalkingPointsSection(props: TalkingPointsSectionProps) {
  const { talkingPoints, onAddTalkingPoint, onSetTalkingPointDiscussed, onDeleteTalkingPoint } = props;
  const headingId = useId();
  const nextHeadingId = useId();
  const [draft, setDraft] = useState('');

  const add = () => {
    const text = draft.trim();
    if (text === '') return;
    onAddTalkingPoint(text);
    setDraft('');
  };

  return (
    <section class="occ-section" aria-labelledby={headingId} aria-busy={talkingPoints.loading ? 'true' : undefined}>
      <h2 id={headingId} class="occ-section__heading">
        Talking points
      </h2>
      {talkingPoints.loading ? (
        <p class="occ-muted">Loading talking points…</p>
      ) : talkingPoints.forThisMeeting.length === 0 ? (
        <p class="occ-empty">Nothing collected for this 1:1.</p>
      ) : (
        <ul class="occ-list">
          {talkingPoints.forThisMeeting.map((point) => (
            <TalkingPointRow key={point.id} point={point} onSetDiscussed={onSetTalkingPointDiscussed} />
          ))}
        </ul>
      )}
      {talkingPoints.forNextTime.length > 0 ? (
        <>
          <h3 id={nextHeadingId} class="occ-subheading">
            For next time
          </h3>
          <ul class="occ-list" aria-labelledby={nextHeadingId}>
            {talkingPoints.forNextTime.map((point) => (
              <li key={point.id} class="occ-list__row">
                <span class="occ-list__text">{point.text}</span>
                <button
                  type="button"
                  class="occ-icon-button occ-icon-button--small"
                  aria-label={`Remove talking point: ${point.text}`}
                  title="Remove"
                  onClick={() => onDeleteTalkingPoint(point.id)}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div class="occ-add-row">
        <input
          type="text"
          class="occ-input occ-add-row__input"
          aria-label="Talking point for next time"
          placeholder="For next time…"
          value={draft}
          onInput={(event) => setDraft(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.isComposing) {
              event.preventDefault();
              add();
            }
          }}
        />
        <button type="button" class="occ-button" aria-label="Add talking point for next time" onClick={add}>
          Add
        </button>
      </div>
    </section>
  );
}

function TalkingPointRow({
  point,
  onSetDiscussed,
}: {
  point: TalkingPointView;
  onSetDiscussed: (id: string, discussed: boolean) => void;
}) {
  return (
    <li class="occ-list__row" data-discussed={point.discussed ? 'true' : undefined}>
      <span class="occ-list__text">{point.text}</span>
      <button
        type="button"
        class="occ-toggle"
        aria-pressed={point.discussed ? 'true' : 'false'}
        aria-label={`Discussed: ${point.text}`}
        onClick={() => onSetDiscussed(point.id, !point.discussed)}
      >
        <span aria-hidden="true">{point.discussed ? '✓ ' : ''}</span>Discussed
      </button>
    </li>
  );
}
