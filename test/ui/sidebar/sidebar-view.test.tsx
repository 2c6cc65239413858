// @vitest-environment happy-dom
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { SidebarView } from '../../../src/ui/sidebar/SidebarView';
import { accessibleName, getByRole, queryAllByRole } from '../a11y-queries';
import type { Mounted } from './support';
import { click, mount, sidebarCallbacks, sidebarModel, XSS } from './support';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

describe('SidebarView: the contract', () => {
  it('is an aside (complementary) named after the other person', () => {
    mounted = mount(<SidebarView {...sidebarModel()} {...sidebarCallbacks()} />);
    const aside = getByRole(mounted.container, 'complementary');
    expect(aside.tagName).toBe('ASIDE');
    expect(aside.getAttribute('aria-label')).toBe('1:1 with Dana Reyes');
  });

  it('falls back to the email in the landmark name when the page shows no name', () => {
    const model = sidebarModel({ person: { displayName: '', email: 'dana.reyes@example.com' } });
    mounted = mount(<SidebarView {...model} {...sidebarCallbacks()} />);
    expect(accessibleName(getByRole(mounted.container, 'complementary'))).toBe('1:1 with dana.reyes@example.com');
  });

  it('has the headings Last notes, Action items and Targets, exactly', () => {
    mounted = mount(<SidebarView {...sidebarModel()} {...sidebarCallbacks()} />);
    for (const name of ['Last notes', 'Action items', 'Targets']) {
      expect(getByRole(mounted.container, 'heading', { name }).textContent).toBe(name);
    }
    expect(getByRole(mounted.container, 'heading', { name: 'Dana Reyes' }).tagName).toBe('H1');
  });

  it('has a checkbox named by each open action item and a New action item textbox', () => {
    mounted = mount(<SidebarView {...sidebarModel()} {...sidebarCallbacks()} />);
    const names = queryAllByRole(mounted.container, 'checkbox').map(accessibleName);
    expect(names).toEqual(['Send the pricing deck', 'Book the offsite', 'Intro to the Berlin team']);
    expect(getByRole(mounted.container, 'textbox', { name: 'New action item' }).tagName).toBe('INPUT');
  });

  it('each name the contract gives matches one control or heading, even by case-insensitive substring (Playwright\'s default), with an item being edited', () => {
    mounted = mount(<SidebarView {...sidebarModel()} {...sidebarCallbacks()} />);
    click(getByRole(mounted.container, 'button', { name: 'Edit: Send the pricing deck' }));
    expect(getByRole(mounted.container, 'textbox', { name: 'Action item text' })).toBeTruthy();
    // Every form control, whatever its role here: Playwright takes a date input for a textbox.
    const controls = Array.from(mounted.container.querySelectorAll('input, select, textarea, [role="textbox"]'))
      .filter((element) => (element as HTMLInputElement).type !== 'checkbox')
      .map(accessibleName);
    const headings = queryAllByRole(mounted.container, 'heading').map(accessibleName);
    const containing = (names: string[], part: string) => names.filter((name) => name.toLowerCase().includes(part.toLowerCase()));
    for (const name of ['New action item', 'Shared notes', 'Private notes']) {
      expect({ name, controls: containing(controls, name) }).toEqual({ name, controls: [expect.any(String)] });
    }
    for (const name of ['Last notes', 'Action items', 'Targets']) {
      expect({ name, headings: containing(headings, name) }).toEqual({ name, headings: [name] });
      expect({ name, controls: containing(controls, name) }).toEqual({ name, controls: [] });
    }
  });

  it('has two textareas: shared (readable by the person in the event) and private', () => {
    mounted = mount(<SidebarView {...sidebarModel()} {...sidebarCallbacks()} />);
    const shared = getByRole(mounted.container, 'textbox', { name: /^Shared notes/ });
    const privateBox = getByRole(mounted.container, 'textbox', { name: /^Private notes/ });
    expect(shared.tagName).toBe('TEXTAREA');
    expect(privateBox.tagName).toBe('TEXTAREA');
    expect(accessibleName(shared)).toBe('Shared notes — Dana Reyes can read these in the calendar event');
    expect(accessibleName(privateBox)).toBe('Private notes — only in this browser, never synced');
  });

  it('keeps keyboard order: header, last notes, talking points, action items, targets, notes, sync', () => {
    mounted = mount(
      <SidebarView {...sidebarModel({ sync: { kind: 'failed', reason: 'network down' } })} {...sidebarCallbacks()} />,
    );
    const focusable = Array.from(
      mounted.container.querySelectorAll<HTMLElement>('button, input, select, textarea, [tabindex]'),
    ).filter((element) => !element.closest('[hidden]'));
    const order = (name: string | RegExp) =>
      focusable.findIndex((element) =>
        typeof name === 'string' ? accessibleName(element) === name : name.test(accessibleName(element)),
      );
    const positions = [
      order('1:1 options'),
      order('Older notes'),
      order('Talking point for next time'),
      order('Send the pricing deck'),
      order('New action item'),
      order("Today's progress for Bookings (USD)"),
      order(/^Shared notes/),
      order(/^Private notes/),
      order('Retry sync'),
    ];
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // Nothing is taken out of the tab order or forced into it.
    expect(mounted.container.querySelectorAll('[tabindex]').length).toBe(0);
  });

  it('gives every button a name', () => {
    const model = sidebarModel({
      storageProblems: { saveFailed: { reason: 'storage is full' }, newerVersionInOtherTab: true, quarantined: { count: 3 } },
      sync: { kind: 'signed-out' },
      talkingPoints: {
        forThisMeeting: [{ id: 'p', text: 'Budget', discussed: false }],
        forNextTime: [{ id: 'q', text: 'Offsite', discussed: false }],
      },
    });
    mounted = mount(<SidebarView {...model} {...sidebarCallbacks()} />);
    const buttons = queryAllByRole(mounted.container, 'button', { hidden: true });
    expect(buttons.length).toBeGreaterThan(10);
    for (const button of buttons) {
      expect(button.tagName).toBe('BUTTON');
      expect(button.getAttribute('type')).toBe('button');
      expect(accessibleName(button)).not.toBe('');
    }
  });
});

describe('SidebarView in a shadow root (the content-script alternative to the iframe)', () => {
  it('finds its own elements for focus and caret there', () => {
    const host = document.createElement('div');
    document.body.appendChild(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const container = document.createElement('div');
    shadow.appendChild(container);
    const model = sidebarModel();
    act(() => render(<SidebarView {...model} {...sidebarCallbacks()} />, container));
    try {
      click(getByRole(container, 'checkbox', { name: 'Send the pricing deck' }));
      expect(shadow.activeElement).toBe(getByRole(container, 'checkbox', { name: 'Book the offsite' }));
      const shared = getByRole(container, 'textbox', { name: /^Shared notes/ }) as HTMLTextAreaElement;
      act(() => render(<SidebarView {...model} notes={{ ...model.notes, sharedText: 'one two' }} {...sidebarCallbacks()} />, container));
      act(() => shared.focus());
      shared.setSelectionRange(4, 4);
      act(() => render(<SidebarView {...model} notes={{ ...model.notes, sharedText: 'zero one two' }} {...sidebarCallbacks()} />, container));
      expect(shared.selectionStart).toBe(9);
    } finally {
      act(() => render(null, container));
      host.remove();
    }
  });
});

describe('SidebarView: text from the page and people is text, never markup', () => {
  it('shows names, titles, notes, items and points containing HTML literally', () => {
    const model = sidebarModel({
      person: { displayName: `Dana ${XSS}`, email: 'dana@example.com' },
      meeting: { ...sidebarModel().meeting, title: `Weekly ${XSS}` },
      lastNotes: {
        state: 'loaded',
        day: '2025-10-30',
        title: XSS,
        sharedText: `Shared ${XSS}`,
        privateText: `Private ${XSS}`,
        hasOlder: false,
        hasNewer: false,
      },
      talkingPoints: { forThisMeeting: [{ id: 'x', text: XSS, discussed: false }], forNextTime: [] },
      actionItems: { open: [{ id: 'abcd1234', text: `Do ${XSS}`, owner: 'them' }] },
      notes: { ...sidebarModel().notes, sharedText: `Draft ${XSS}`, privateText: XSS },
      targets: { horizons: [], progressTargets: [] },
    });
    mounted = mount(<SidebarView {...model} {...sidebarCallbacks()} />);
    const { container } = mounted;
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
    expect(getByRole(container, 'complementary').getAttribute('aria-label')).toBe(`1:1 with Dana ${XSS}`);
    expect(getByRole(container, 'heading', { name: `Dana ${XSS}` })).toBeTruthy();
    expect(container.textContent).toContain(`Weekly ${XSS}`);
    expect(container.textContent).toContain(`Shared ${XSS}`);
    expect(container.textContent).toContain(`Private ${XSS}`);
    expect(getByRole(container, 'checkbox', { name: `Do ${XSS}` })).toBeTruthy();
    expect(container.textContent).toContain('No targets for Dana yet');
    const shared = getByRole(container, 'textbox', { name: /^Shared notes/ }) as HTMLTextAreaElement;
    expect(shared.value).toBe(`Draft ${XSS}`);
    expect(accessibleName(shared)).toBe(`Shared notes — Dana ${XSS} can read these in the calendar event`);
  });

  it('no source file under src/ui injects HTML', () => {
    const root = join(__dirname, '../../../src/ui');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry)) files.push(path);
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      expect(source, file).not.toMatch(/dangerouslySetInnerHTML|\.innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    }
  });

  it('components reach for no data: no IndexedDB, browser APIs or network', () => {
    const root = join(__dirname, '../../../src/ui/sidebar');
    const entries = readdirSync(root).filter((name) => /\.tsx?$/.test(name));
    expect(entries.length).toBeGreaterThan(5);
    for (const entry of entries) {
      const source = readFileSync(join(root, entry), 'utf8');
      expect(source, entry).not.toMatch(
        /indexedDB|from 'idb'|\b(browser|chrome)\.[a-z]+\.|\bfetch\(|XMLHttpRequest|localStorage|\/storage\/|from 'wxt/,
      );
    }
  });
});
