// Small DOM helpers for component tests (happy-dom + Preact, no testing library): mount into a
// container, find things the way a user (or a screen reader) names them, and fire events the
// way a browser would. Used by the popup and options tests.
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';

const mounted: HTMLElement[] = [];

export function mount(node: ComponentChild): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  mounted.push(container);
  act(() => {
    render(node, container);
  });
  return container;
}

export function rerender(container: HTMLElement, node: ComponentChild): void {
  act(() => {
    render(node, container);
  });
}

export function unmountAll(): void {
  for (const container of mounted.splice(0)) {
    act(() => {
      render(null, container);
    });
    container.remove();
  }
}

/** Text with runs of whitespace collapsed, as a person reads it. */
export function text(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The accessible name, roughly: aria-label, aria-labelledby, a table's caption, a <label>, or the text. */
export function accessibleName(element: Element): string {
  const label = element.getAttribute('aria-label');
  if (label) return label;
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    return labelledBy
      .split(/\s+/)
      .map((id) => text(element.ownerDocument.getElementById(id)))
      .join(' ');
  }
  // A table is named by its caption.
  if (element instanceof HTMLTableElement && element.caption) return text(element.caption);
  if (element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement) {
    const wrapping = element.closest('label');
    if (wrapping) return text(wrapping);
    if (element.id) {
      const forLabel = element.ownerDocument.querySelector(`label[for="${element.id}"]`);
      if (forLabel) return text(forLabel);
    }
    return '';
  }
  return text(element);
}

const roleSelectors: Record<string, string> = {
  button: 'button, [role="button"]',
  heading: 'h1, h2, h3, h4, h5, h6, [role="heading"]',
  list: 'ul, ol, [role="list"]',
  listitem: 'li, [role="listitem"]',
  checkbox: 'input[type="checkbox"], [role="checkbox"]',
  textbox: 'input:not([type]), input[type="text"], input[type="search"], input[type="email"], textarea, [role="textbox"]',
  searchbox: 'input[type="search"], [role="searchbox"]',
  spinbutton: 'input[type="number"]',
  combobox: 'select, [role="combobox"]',
  dialog: 'dialog[open], [role="dialog"], [role="alertdialog"]',
  alert: '[role="alert"]',
  status: '[role="status"]',
  tab: '[role="tab"]',
  tabpanel: '[role="tabpanel"]',
  table: 'table',
  row: 'tr',
  link: 'a[href]',
  date: 'input[type="date"]',
  file: 'input[type="file"]',
};

export function allByRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement[] {
  const selector = roleSelectors[role];
  if (!selector) throw new Error(`unknown role ${role}`);
  return [...root.querySelectorAll<HTMLElement>(selector)].filter((element) => {
    if (name === undefined) return true;
    const accessible = accessibleName(element);
    return typeof name === 'string' ? accessible === name : name.test(accessible);
  });
}

export function byRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement {
  const found = allByRole(root, role, name);
  if (found.length !== 1) {
    throw new Error(`expected one ${role} named ${String(name)}, found ${found.length}: ${found.map(accessibleName).join(' | ')}`);
  }
  return found[0]!;
}

export function queryByRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement | undefined {
  return allByRole(root, role, name)[0];
}

/** The section (or other landmark) a heading names. */
export function sectionOf(root: ParentNode, heading: string): HTMLElement {
  const element = byRole(root, 'heading', heading);
  const section = element.closest('section, [role="region"], [role="tabpanel"], [role="dialog"]');
  if (!(section instanceof HTMLElement)) throw new Error(`heading ${heading} is not in a section`);
  return section;
}

export function click(element: Element): void {
  act(() => {
    (element as HTMLElement).click();
  });
}

/** Types a whole value into a field (fires input and change, as a browser does on commit). */
export function typeInto(element: Element, value: string): void {
  act(() => {
    const field = element as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    field.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

export function pressKey(element: Element, key: string): void {
  act(() => {
    element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

export function submit(form: Element): void {
  act(() => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

/** Lets pending promises (a callback's answer) settle and Preact re-render. */
export async function settle(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}
