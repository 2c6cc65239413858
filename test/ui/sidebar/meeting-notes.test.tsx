// @vitest-environment happy-dom
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SaveState } from '../../../src/ui/shared/SaveStateIndicator';
import { MeetingNotesSection } from '../../../src/ui/sidebar/MeetingNotesSection';
import { hasO3Template, O3_TEMPLATE, withO3Template } from '../../../src/ui/sidebar/o3-template';
import type { MeetingNotesView } from '../../../src/ui/sidebar/view-model';
import { accessibleDescription, getByRole, queryByRole } from '../a11y-queries';
import type { Mounted } from './support';
import { click, interact, mount, typeInto } from './support';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const NOTES: MeetingNotesView = {
  sharedText: 'Agenda',
  privateText: 'Mood: good',
  sharedSaveState: { kind: 'saved' },
  privateSaveState: { kind: 'idle' },
  offerO3Template: true,
};

function section(notes: MeetingNotesView, onShared: (text: string) => void = vi.fn(), onPrivate: (text: string) => void = vi.fn()) {
  return (
    <MeetingNotesSection notes={notes} personFullName="Dana Reyes" onSharedNotesInput={onShared} onPrivateNotesInput={onPrivate} />
  );
}

function boxes(container: HTMLElement) {
  return {
    shared: getByRole(container, 'textbox', { name: /^Shared notes/ }) as HTMLTextAreaElement,
    private: getByRole(container, 'textbox', { name: /^Private notes/ }) as HTMLTextAreaElement,
  };
}

describe('MeetingNotesSection', () => {
  it('labels the shared box with who reads it: the other person in the event, unless the event cannot be written', () => {
    mounted = mount(section(NOTES));
    const label = (container: HTMLElement) => container.querySelector('label[for$="-shared"]')?.textContent;
    expect(label(mounted.container)).toBe('Shared notes — Dana Reyes can read these in the calendar event');
    expect(boxes(mounted.container).shared).toBeTruthy();

    mounted.rerender(section({ ...NOTES, sharedStaysLocal: { reason: "you can't change this event" } }));
    const text = label(mounted.container) ?? '';
    expect(text).toBe("Shared notes — meant for Dana Reyes, but you can't change this event, so they stay in this browser");
    expect(text).not.toContain('can read these');
    // The accessible name still starts with "Shared notes" (CONTRACT.md).
    expect(getByRole(mounted.container, 'textbox', { name: /^Shared notes — meant for Dana Reyes, but/ })).toBe(boxes(mounted.container).shared);
  });

  it('renders the texts it is given and reports every change with the whole text', () => {
    const onShared = vi.fn();
    const onPrivate = vi.fn();
    mounted = mount(section(NOTES, onShared, onPrivate));
    const { shared, private: privateBox } = boxes(mounted.container);
    expect(shared.value).toBe('Agenda');
    expect(privateBox.value).toBe('Mood: good');
    typeInto(shared, 'Agenda\n- pipeline');
    typeInto(privateBox, 'Mood: good, tired');
    expect(onShared).toHaveBeenCalledExactlyOnceWith('Agenda\n- pipeline');
    expect(onPrivate).toHaveBeenCalledExactlyOnceWith('Mood: good, tired');
  });

  it.each<[SaveState, string]>([
    [{ kind: 'idle' }, ''],
    [{ kind: 'saving' }, 'Saving…'],
    [{ kind: 'saved' }, 'Saved'],
    [{ kind: 'unsaved', reason: 'storage is full' }, 'Not saved: storage is full'],
  ])('describes each box with its save state: %o', (state, text) => {
    mounted = mount(section({ ...NOTES, sharedSaveState: state, privateSaveState: state }));
    const { shared, private: privateBox } = boxes(mounted.container);
    expect(accessibleDescription(shared)).toBe(text);
    expect(accessibleDescription(privateBox)).toBe(text);
  });

  it('keeps the caret and typing when the same text comes back as a prop', () => {
    mounted = mount(section(NOTES));
    const { shared } = boxes(mounted.container);
    interact(() => shared.focus());
    typeInto(shared, 'Agenda: pipeline');
    shared.setSelectionRange(6, 6);
    mounted.rerender(section({ ...NOTES, sharedText: 'Agenda: pipeline', sharedSaveState: { kind: 'saving' } }));
    expect(shared.value).toBe('Agenda: pipeline');
    expect([shared.selectionStart, shared.selectionEnd]).toEqual([6, 6]);
  });

  it('ignores a late echo of an earlier keystroke instead of rolling the text back', () => {
    mounted = mount(section({ ...NOTES, sharedText: '' }));
    const { shared } = boxes(mounted.container);
    interact(() => shared.focus());
    typeInto(shared, 'a');
    typeInto(shared, 'ab');
    typeInto(shared, 'abc');
    mounted.rerender(section({ ...NOTES, sharedText: 'a' }));
    expect(shared.value).toBe('abc');
    mounted.rerender(section({ ...NOTES, sharedText: 'ab' }));
    expect(shared.value).toBe('abc');
    mounted.rerender(section({ ...NOTES, sharedText: 'abc' }));
    expect(shared.value).toBe('abc');
    // Typed "a", deleted it, typed it again: the echoes "a", "", "a" roll nothing back.
    typeInto(shared, 'abcd');
    typeInto(shared, 'abc');
    typeInto(shared, 'abcd');
    for (const echo of ['abcd', 'abc', 'abcd']) {
      mounted.rerender(section({ ...NOTES, sharedText: echo }));
      expect(shared.value).toBe('abcd');
    }
  });

  it('shows a newer text from elsewhere, keeping the caret on the same words', () => {
    mounted = mount(section({ ...NOTES, sharedText: 'one two three' }));
    const { shared } = boxes(mounted.container);
    interact(() => shared.focus());
    shared.setSelectionRange(8, 8); // before "three"
    mounted.rerender(section({ ...NOTES, sharedText: 'zero one two three' }));
    expect(shared.value).toBe('zero one two three');
    expect(shared.selectionStart).toBe(13);
    mounted.rerender(section({ ...NOTES, sharedText: 'zero one two three four' }));
    expect(shared.selectionStart).toBe(13);
  });

  it('works with wiring that holds the text in state (the usual autosave loop)', () => {
    const saved: string[] = [];
    function Wiring() {
      const [text, setText] = useState('');
      return section({ ...NOTES, sharedText: text }, (next: string) => {
        saved.push(next);
        setText(next);
      });
    }
    mounted = mount(<Wiring />);
    const { shared } = boxes(mounted.container);
    interact(() => shared.focus());
    for (const next of ['H', 'He', 'Hel', 'Hell', 'Hello']) {
      typeInto(shared, next);
      shared.setSelectionRange(next.length, next.length);
    }
    expect(shared.value).toBe('Hello');
    expect(saved).toEqual(['H', 'He', 'Hel', 'Hell', 'Hello']);
    expect(shared.selectionStart).toBe(5);
  });

  it('is read-only and busy while the stored notes load', () => {
    mounted = mount(section({ ...NOTES, loading: true }));
    const { shared, private: privateBox } = boxes(mounted.container);
    expect(shared.readOnly && privateBox.readOnly).toBe(true);
    expect(shared.getAttribute('aria-busy')).toBe('true');
    expect(queryByRole(mounted.container, 'button', { name: 'Insert O3 template' })).toBeNull();
    mounted.rerender(section(NOTES));
    expect(shared.readOnly).toBe(false);
    expect(shared.hasAttribute('aria-busy')).toBe(false);
  });
});

describe('O3 template', () => {
  it('inserts the three parts into the shared notes only on click, caret under the first heading', () => {
    const onShared = vi.fn();
    const onPrivate = vi.fn();
    mounted = mount(section({ ...NOTES, sharedText: '' }, onShared, onPrivate));
    const { shared, private: privateBox } = boxes(mounted.container);
    expect(shared.value).toBe('');
    click(getByRole(mounted.container, 'button', { name: 'Insert O3 template' }));
    expect(shared.value).toBe('Their 10 minutes\n\n\nMy 10 minutes\n\n\nThe next 10 minutes: the future\n');
    expect(onShared).toHaveBeenCalledExactlyOnceWith(shared.value);
    expect(onPrivate).not.toHaveBeenCalled();
    expect(privateBox.value).toBe('Mood: good');
    expect(document.activeElement).toBe(shared);
    expect(shared.selectionStart).toBe('Their 10 minutes\n'.length);
    // Its echo changes nothing; once the text has the template the button goes.
    mounted.rerender(section({ ...NOTES, sharedText: shared.value }, onShared, onPrivate));
    expect(shared.selectionStart).toBe('Their 10 minutes\n'.length);
    expect(queryByRole(mounted.container, 'button', { name: 'Insert O3 template' })).toBeNull();
  });

  it('appends after what is there, using the text in the box even before the props catch up', () => {
    const onShared = vi.fn();
    mounted = mount(section({ ...NOTES, sharedText: 'Agenda' }, onShared));
    const { shared } = boxes(mounted.container);
    typeInto(shared, 'Agenda, typed');
    click(getByRole(mounted.container, 'button', { name: 'Insert O3 template' }));
    expect(shared.value).toBe(`Agenda, typed\n\n${O3_TEMPLATE}`);
    expect(onShared).toHaveBeenLastCalledWith(`Agenda, typed\n\n${O3_TEMPLATE}`);
  });

  it('is not offered when the setting is off', () => {
    mounted = mount(section({ ...NOTES, offerO3Template: false }));
    expect(queryByRole(mounted.container, 'button', { name: 'Insert O3 template' })).toBeNull();
  });

  it.each([
    ['', O3_TEMPLATE, 17],
    ['Notes', `Notes\n\n${O3_TEMPLATE}`, 24],
    ['Notes\n', `Notes\n\n${O3_TEMPLATE}`, 24],
    ['Notes\n\n', `Notes\n\n${O3_TEMPLATE}`, 24],
    [' \n', O3_TEMPLATE, 17],
  ])('withO3Template(%j)', (text, expected, caret) => {
    expect(withO3Template(text)).toEqual({ text: expected, caret });
    expect(hasO3Template(expected)).toBe(true);
  });

  it('hasO3Template needs all three headings on lines of their own', () => {
    expect(hasO3Template('Their 10 minutes\nMy 10 minutes')).toBe(false);
    expect(hasO3Template('x Their 10 minutes\nMy 10 minutes\nThe next 10 minutes: the future')).toBe(false);
    expect(hasO3Template('  Their 10 minutes\r\nMy 10 minutes\r\nThe next 10 minutes: the future  ')).toBe(true);
  });
});
