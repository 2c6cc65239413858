// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ActionItemsSection, describeDue } from '../../../src/ui/sidebar/ActionItemsSection';
import type { ActionItemsSectionProps } from '../../../src/ui/sidebar/ActionItemsSection';
import type { ActionItemView } from '../../../src/ui/sidebar/view-model';
import { accessibleDescription, accessibleName, getByRole, queryAllByRole, queryByRole } from '../a11y-queries';
import type { Mounted } from './support';
import { click, interact, mount, pressKey, selectOption, typeInto } from './support';

const ITEMS: ActionItemView[] = [
  { id: 'a1b2c3d4', text: 'Send the pricing deck', owner: 'them', due: '2025-11-03' },
  { id: 'e5f6g7h8', text: 'Book the offsite', owner: 'me', due: '2025-11-10' },
  { id: 'i9j0k1l2', text: 'Intro to the Berlin team', owner: 'me' },
];

function props(overrides: Partial<ActionItemsSectionProps> = {}): ActionItemsSectionProps {
  return {
    actionItems: { open: ITEMS },
    today: '2025-11-06',
    personShortName: 'Dana',
    onAddActionItem: vi.fn(),
    onCloseActionItem: vi.fn(),
    onReopenActionItem: vi.fn(),
    onUpdateActionItem: vi.fn(),
    ...overrides,
  };
}

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  vi.useRealTimers();
});

const checkboxNames = (root: HTMLElement) => queryAllByRole(root, 'checkbox').map(accessibleName);

describe('describeDue', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['2025-11-06', { text: 'Due today', overdue: false }],
    ['2025-11-05', { text: 'Overdue: was due Wed 5 Nov (yesterday)', overdue: true }],
    ['2025-10-01', { text: 'Overdue: was due Wed 1 Oct (5 weeks ago)', overdue: true }],
    ['2025-11-07', { text: 'Due Fri 7 Nov (tomorrow)', overdue: false }],
    ['2026-01-10', { text: 'Due Sat 10 Jan 2026 (in 2 months)', overdue: false }],
  ])('due %s on 2025-11-06', (due, expected) => {
    expect(describeDue(due, '2025-11-06')).toEqual(expected);
  });
});

describe('ActionItemsSection', () => {
  it('lists open items with owner and due date; the overdue one is marked in words and visually', () => {
    mounted = mount(<ActionItemsSection {...props()} />);
    const { container } = mounted;
    expect(checkboxNames(container)).toEqual(ITEMS.map((item) => item.text));
    const overdue = getByRole(container, 'checkbox', { name: 'Send the pricing deck' });
    expect(accessibleDescription(overdue)).toBe('Owner: Dana, Overdue: was due Mon 3 Nov (3 days ago)');
    expect(overdue.closest('li')?.getAttribute('data-overdue')).toBe('true');
    expect(overdue.closest('li')?.querySelector('.occ-item__due--overdue')).not.toBeNull();
    const later = getByRole(container, 'checkbox', { name: 'Book the offsite' });
    expect(accessibleDescription(later)).toBe('Owner: Me, Due Mon 10 Nov (in 4 days)');
    expect(later.closest('li')?.hasAttribute('data-overdue')).toBe(false);
    expect(accessibleDescription(getByRole(container, 'checkbox', { name: 'Intro to the Berlin team' }))).toBe('Owner: Me');
  });

  it('shows an empty state and a loading state', () => {
    mounted = mount(<ActionItemsSection {...props({ actionItems: { open: [] } })} />);
    expect(mounted.container.textContent).toContain('No open action items with Dana.');
    mounted.rerender(<ActionItemsSection {...props({ actionItems: { open: [], loading: true } })} />);
    expect(mounted.container.textContent).toContain('Loading action items…');
    expect(mounted.container.querySelector('section')?.getAttribute('aria-busy')).toBe('true');
  });

  it('adds on Enter with the default owner (them), then clears itself; empty text adds nothing', () => {
    const onAdd = vi.fn();
    mounted = mount(<ActionItemsSection {...props({ onAddActionItem: onAdd })} />);
    const box = getByRole(mounted.container, 'textbox', { name: 'New action item' }) as HTMLInputElement;
    typeInto(box, '   ');
    pressKey(box, 'Enter');
    expect(onAdd).not.toHaveBeenCalled();
    typeInto(box, '  Share the Q4 numbers  ');
    pressKey(box, 'Enter');
    expect(onAdd).toHaveBeenCalledExactlyOnceWith({ text: 'Share the Q4 numbers', owner: 'them' });
    expect(box.value).toBe('');
  });

  it('takes an owner and an optional due date; the due date clears after adding, the owner stays', () => {
    const onAdd = vi.fn();
    mounted = mount(<ActionItemsSection {...props({ onAddActionItem: onAdd, actionItems: { open: [], defaultOwner: 'me' } })} />);
    const { container } = mounted;
    const owner = getByRole(container, 'combobox', { name: 'Owner of the new item' }) as HTMLSelectElement;
    expect(owner.value).toBe('me');
    expect(Array.from(owner.options).map((option) => option.textContent)).toEqual(['Dana', 'Me']);
    selectOption(owner, 'them');
    const due = container.querySelector<HTMLInputElement>('input[type="date"]');
    expect(due && accessibleName(due)).toBe('Due date (optional)');
    typeInto(due as HTMLInputElement, '2025-11-14');
    const box = getByRole(container, 'textbox', { name: 'New action item' }) as HTMLInputElement;
    typeInto(box, 'Draft the territory plan');
    click(getByRole(container, 'button', { name: 'Add action item' }));
    expect(onAdd).toHaveBeenCalledExactlyOnceWith({ text: 'Draft the territory plan', owner: 'them', due: '2025-11-14' });
    expect(box.value).toBe('');
    expect((due as HTMLInputElement).value).toBe('');
    expect(owner.value).toBe('them');
  });

  it('ticking closes the item (callback), hides it at once, moves focus on, and offers Undo', () => {
    const onClose = vi.fn();
    mounted = mount(<ActionItemsSection {...props({ onCloseActionItem: onClose })} />);
    const { container } = mounted;
    click(getByRole(container, 'checkbox', { name: 'Send the pricing deck' }));
    expect(onClose).toHaveBeenCalledExactlyOnceWith('a1b2c3d4');
    expect(checkboxNames(container)).toEqual(['Book the offsite', 'Intro to the Berlin team']);
    expect(document.activeElement).toBe(getByRole(container, 'checkbox', { name: 'Book the offsite' }));
    const status = getByRole(container, 'status');
    expect(status.textContent).toContain('Closed: Send the pricing deck');
    expect(getByRole(container, 'button', { name: 'Undo closing: Send the pricing deck' })).toBeTruthy();
  });

  it('Undo within the window reopens the item and brings it back; after the window Undo is gone', () => {
    vi.useFakeTimers();
    const onReopen = vi.fn();
    const onClose = vi.fn();
    mounted = mount(<ActionItemsSection {...props({ onCloseActionItem: onClose, onReopenActionItem: onReopen, undoWindowMs: 5000 })} />);
    const { container } = mounted;
    click(getByRole(container, 'checkbox', { name: 'Book the offsite' }));
    interact(() => vi.advanceTimersByTime(4000));
    click(getByRole(container, 'button', { name: 'Undo closing: Book the offsite' }));
    expect(onReopen).toHaveBeenCalledExactlyOnceWith('e5f6g7h8');
    expect(checkboxNames(container)).toEqual(ITEMS.map((item) => item.text));
    expect(document.activeElement).toBe(getByRole(container, 'checkbox', { name: 'Book the offsite' }));
    expect(getByRole(container, 'status').textContent).toBe('');

    click(getByRole(container, 'checkbox', { name: 'Intro to the Berlin team' }));
    interact(() => vi.advanceTimersByTime(4999));
    expect(queryByRole(container, 'button', { name: /^Undo closing/ })).not.toBeNull();
    interact(() => vi.advanceTimersByTime(1));
    expect(queryByRole(container, 'button', { name: /^Undo closing/ })).toBeNull();
    expect(onReopen).toHaveBeenCalledTimes(1);
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('keeps the Undo while focus rests on it, past the window', () => {
    vi.useFakeTimers();
    mounted = mount(<ActionItemsSection {...props({ undoWindowMs: 1000 })} />);
    const { container } = mounted;
    click(getByRole(container, 'checkbox', { name: 'Book the offsite' }));
    const undo = getByRole(container, 'button', { name: 'Undo closing: Book the offsite' });
    interact(() => undo.focus());
    interact(() => vi.advanceTimersByTime(5000));
    expect(queryByRole(container, 'button', { name: 'Undo closing: Book the offsite' })).not.toBeNull();
    interact(() => undo.blur());
    interact(() => vi.advanceTimersByTime(1000));
    expect(queryByRole(container, 'button', { name: /^Undo closing/ })).toBeNull();
  });

  it('drops its hiding once the props no longer list the closed item, so a later reopen shows it', () => {
    const p = props();
    mounted = mount(<ActionItemsSection {...p} />);
    click(getByRole(mounted.container, 'checkbox', { name: 'Send the pricing deck' }));
    mounted.rerender(<ActionItemsSection {...p} actionItems={{ open: ITEMS.slice(1) }} />);
    mounted.rerender(<ActionItemsSection {...p} actionItems={{ open: ITEMS }} />);
    expect(checkboxNames(mounted.container)).toEqual(ITEMS.map((item) => item.text));
  });

  it('edits inline: Enter saves the changes and focus returns to Edit', () => {
    const onUpdate = vi.fn();
    mounted = mount(<ActionItemsSection {...props({ onUpdateActionItem: onUpdate })} />);
    const { container } = mounted;
    click(getByRole(container, 'button', { name: 'Edit: Book the offsite' }));
    const text = getByRole(container, 'textbox', { name: 'Action item text' }) as HTMLInputElement;
    expect(document.activeElement).toBe(text);
    expect(text.value).toBe('Book the offsite');
    typeInto(text, 'Book the offsite venue');
    selectOption(getByRole(container, 'combobox', { name: 'Owner' }), 'them');
    pressKey(text, 'Enter');
    expect(onUpdate).toHaveBeenCalledExactlyOnceWith('e5f6g7h8', {
      text: 'Book the offsite venue',
      owner: 'them',
      due: '2025-11-10',
    });
    expect(queryByRole(container, 'textbox', { name: 'Action item text' })).toBeNull();
    expect(document.activeElement).toBe(getByRole(container, 'button', { name: 'Edit: Book the offsite' }));
  });

  it('edits inline: Escape cancels without calling back; clearing the due date removes it', () => {
    const onUpdate = vi.fn();
    mounted = mount(<ActionItemsSection {...props({ onUpdateActionItem: onUpdate })} />);
    const { container } = mounted;
    click(getByRole(container, 'button', { name: 'Edit: Send the pricing deck' }));
    const text = getByRole(container, 'textbox', { name: 'Action item text' });
    typeInto(text, 'Something else');
    pressKey(text, 'Escape');
    expect(onUpdate).not.toHaveBeenCalled();
    expect(checkboxNames(container)).toContain('Send the pricing deck');
    expect(document.activeElement).toBe(getByRole(container, 'button', { name: 'Edit: Send the pricing deck' }));

    click(getByRole(container, 'button', { name: 'Edit: Send the pricing deck' }));
    const due = container.querySelector<HTMLInputElement>('.occ-item--editing input[type="date"]') as HTMLInputElement;
    expect(due.value).toBe('2025-11-03');
    typeInto(due, '');
    click(getByRole(container, 'button', { name: 'Save' }));
    expect(onUpdate).toHaveBeenCalledExactlyOnceWith('a1b2c3d4', { text: 'Send the pricing deck', owner: 'them' });
  });

  it('edits inline: saving unchanged calls nothing; saving empty text refuses with a message', () => {
    const onUpdate = vi.fn();
    mounted = mount(<ActionItemsSection {...props({ onUpdateActionItem: onUpdate })} />);
    const { container } = mounted;
    click(getByRole(container, 'button', { name: 'Edit: Intro to the Berlin team' }));
    pressKey(getByRole(container, 'textbox', { name: 'Action item text' }), 'Enter');
    expect(onUpdate).not.toHaveBeenCalled();
    expect(queryByRole(container, 'textbox', { name: 'Action item text' })).toBeNull();

    click(getByRole(container, 'button', { name: 'Edit: Intro to the Berlin team' }));
    const text = getByRole(container, 'textbox', { name: 'Action item text' });
    typeInto(text, '  ');
    pressKey(text, 'Enter');
    expect(onUpdate).not.toHaveBeenCalled();
    expect(text.getAttribute('aria-invalid')).toBe('true');
    expect(accessibleDescription(text)).toMatch(/^Write what is to be done/);
  });
});
