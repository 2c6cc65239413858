import { useEffect, useState } from 'preact/hooks';
import { ActionMessage, fieldErrorProps } from './ActionMessage';
import { useAction } from './use-action';
import { checkAliases, checkTimeZone } from './validation';
import type { SettingsSectionProps } from './view-model';

/**
 * Per-account settings, each checked before it is stored: a bad value is refused with a message
 * and stays in its field to be corrected.
 */
export function SettingsSection({ timeZone, selfAliases, useO3Template, onSetTimeZone, onSetSelfAliases, onSetUseO3Template }: SettingsSectionProps) {
  const [zoneText, setZoneText] = useState(timeZone);
  const [aliasText, setAliasText] = useState(selfAliases.join('\n'));
  const zone = useAction(onSetTimeZone);
  const aliases = useAction(onSetSelfAliases);
  const o3 = useAction(onSetUseO3Template);
  useEffect(() => setZoneText(timeZone), [timeZone]);
  useEffect(() => setAliasText(selfAliases.join('\n')), [selfAliases.join('\n')]);

  return (
    <section class="occ-options__section" aria-labelledby="occ-settings-heading">
      <h2 id="occ-settings-heading" class="occ-options__heading">
        Settings
      </h2>
      <form
        class="occ-form"
        aria-label="Time zone"
        onSubmit={(event) => {
          event.preventDefault();
          const checked = checkTimeZone(zoneText);
          if (checked.ok) void zone.run(checked.value);
          else zone.setRefused(checked.message);
        }}
      >
        <div class="occ-form-row">
          <label class="occ-field">
            <span>Time zone (days are counted in it)</span>
            <input
              type="text"
              class="occ-input"
              value={zoneText}
              spellcheck={false}
              onInput={(event) => setZoneText(event.currentTarget.value)}
              {...fieldErrorProps(zone.state, 'occ-settings-zone-error')}
            />
          </label>
          <button type="submit" class="occ-button" disabled={zone.state.kind === 'busy'}>
            Save time zone
          </button>
        </div>
        <ActionMessage state={zone.state} id="occ-settings-zone-error" />
      </form>

      <form
        class="occ-form"
        aria-label="Your other addresses"
        onSubmit={(event) => {
          event.preventDefault();
          const checked = checkAliases(aliasText);
          if (checked.ok) void aliases.run(checked.value);
          else aliases.setRefused(checked.message);
        }}
      >
        <label class="occ-field">
          <span>Your other addresses (one per line): they are you, never a guest</span>
          <textarea
            class="occ-textarea"
            rows={3}
            value={aliasText}
            spellcheck={false}
            onInput={(event) => setAliasText(event.currentTarget.value)}
            {...fieldErrorProps(aliases.state, 'occ-settings-aliases-error')}
          />
        </label>
        <ActionMessage state={aliases.state} id="occ-settings-aliases-error" />
        <div class="occ-form-row">
          <button type="submit" class="occ-button" disabled={aliases.state.kind === 'busy'}>
            Save addresses
          </button>
        </div>
      </form>

      <label class="occ-checkbox-label">
        <input
          type="checkbox"
          checked={useO3Template}
          disabled={o3.state.kind === 'busy'}
          onChange={(event) => void o3.run(event.currentTarget.checked)}
        />
        Offer the three-part template in new shared notes (their 10 minutes, mine, the future)
      </label>
      <ActionMessage state={o3.state} />
    </section>
  );
}
