// A small, strict take on roles and accessible names for component tests (the subset of
// ARIA's rules that our components use): explicit role, then the implicit role of the tag;
// name from aria-labelledby, aria-label, <label for> / a wrapping <label>, the element's own
// text (buttons, headings, options), then title and placeholder. Hidden elements (the
// `hidden` attribute, aria-hidden, inline display:none, up the tree) are left out.

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function isHidden(element: Element): boolean {
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (node.hasAttribute('hidden')) return true;
    if (node.getAttribute('aria-hidden') === 'true') return true;
    if (node instanceof HTMLElement && node.style.display === 'none') return true;
  }
  return false;
}

export function roleOf(element: Element): string | undefined {
  const explicit = element.getAttribute('role');
  if (explicit) return explicit.split(/\s+/)[0];
  const tag = element.tagName.toLowerCase();
  switch (tag) {
    case 'aside':
      return 'complementary';
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      return 'heading';
    case 'button':
      return 'button';
    case 'textarea':
      return 'textbox';
    case 'select':
      return element.hasAttribute('multiple') ? 'listbox' : 'combobox';
    case 'option':
      return 'option';
    case 'ul':
    case 'ol':
      return 'list';
    case 'li':
      return 'listitem';
    case 'a':
      return element.hasAttribute('href') ? 'link' : undefined;
    case 'section':
      return element.hasAttribute('aria-label') || element.hasAttribute('aria-labelledby') ? 'region' : undefined;
    case 'input': {
      const type = (element.getAttribute('type') ?? 'text').toLowerCase();
      if (type === 'checkbox') return 'checkbox';
      if (type === 'radio') return 'radio';
      if (type === 'number') return 'spinbutton';
      if (type === 'button' || type === 'submit' || type === 'reset') return 'button';
      if (['text', 'search', 'email', 'tel', 'url'].includes(type)) return 'textbox';
      return undefined; // date and friends have no ARIA role
    }
    default:
      return undefined;
  }
}

const CONTROL_TAGS = new Set(['input', 'select', 'textarea']);

/** Text of a subtree as a name: skips aria-hidden parts and embedded form controls. */
function subtreeText(node: Node): string {
  if (node.nodeType === 3) return node.textContent ?? '';
  if (!(node instanceof Element)) return '';
  if (node.getAttribute('aria-hidden') === 'true' || node.hasAttribute('hidden')) return '';
  if (CONTROL_TAGS.has(node.tagName.toLowerCase())) return '';
  const label = node.getAttribute('aria-label');
  if (label) return label;
  let text = '';
  for (const child of Array.from(node.childNodes)) text += subtreeText(child);
  return text;
}

function byId(element: Element, id: string): Element | null {
  const root = element.getRootNode() as Document | ShadowRoot;
  return root.getElementById?.(id) ?? element.ownerDocument.getElementById(id);
}

export function accessibleName(element: Element): string {
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    const parts = labelledBy
      .split(/\s+/)
      .map((id) => byId(element, id))
      .filter((part): part is Element => part !== null)
      .map((part) => subtreeText(part));
    const name = normalise(parts.join(' '));
    if (name) return name;
  }
  const ariaLabel = element.getAttribute('aria-label');
  if (ariaLabel && normalise(ariaLabel)) return normalise(ariaLabel);
  const tag = element.tagName.toLowerCase();
  if (CONTROL_TAGS.has(tag)) {
    const labels: string[] = [];
    const id = element.getAttribute('id');
    if (id) {
      const root = element.getRootNode() as Document | ShadowRoot;
      for (const label of Array.from(root.querySelectorAll('label'))) {
        if (label.getAttribute('for') === id) labels.push(subtreeText(label));
      }
    }
    const wrapping = element.closest('label');
    if (wrapping && !labels.length) labels.push(subtreeText(wrapping));
    const name = normalise(labels.join(' '));
    if (name) return name;
  } else {
    const role = roleOf(element);
    if (role && ['button', 'heading', 'option', 'link', 'listitem', 'checkbox', 'radio'].includes(role)) {
      const name = normalise(subtreeText(element));
      if (name) return name;
    }
  }
  const title = element.getAttribute('title');
  if (title && normalise(title)) return normalise(title);
  const placeholder = element.getAttribute('placeholder');
  return placeholder ? normalise(placeholder) : '';
}

/** The text an aria-describedby points at. */
export function accessibleDescription(element: Element): string {
  const describedBy = element.getAttribute('aria-describedby');
  if (!describedBy) return '';
  return normalise(
    describedBy
      .split(/\s+/)
      .map((id) => byId(element, id))
      .filter((part): part is Element => part !== null)
      .map((part) => subtreeText(part))
      .join(' '),
  );
}

export interface RoleQuery {
  /** Exact name (string) or a pattern it must match. */
  name?: string | RegExp;
  /** Include hidden elements. */
  hidden?: boolean;
}

function matchesName(element: Element, name: string | RegExp | undefined): boolean {
  if (name === undefined) return true;
  const actual = accessibleName(element);
  return typeof name === 'string' ? actual === name : name.test(actual);
}

export function queryAllByRole(root: ParentNode, role: string, query: RoleQuery = {}): HTMLElement[] {
  const candidates = Array.from(root.querySelectorAll<HTMLElement>('*'));
  if (root instanceof HTMLElement) candidates.unshift(root);
  return candidates.filter(
    (element) => roleOf(element) === role && (query.hidden || !isHidden(element)) && matchesName(element, query.name),
  );
}

export function getByRole(root: ParentNode, role: string, query: RoleQuery = {}): HTMLElement {
  const found = queryAllByRole(root, role, query);
  if (found.length !== 1) {
    const names = queryAllByRole(root, role, { hidden: query.hidden })
      .map((element) => JSON.stringify(accessibleName(element)))
      .join(', ');
    throw new Error(
      `expected one ${role} named ${String(query.name)}, found ${found.length}; ${role}s present: ${names || 'none'}`,
    );
  }
  return found[0] as HTMLElement;
}

export function queryByRole(root: ParentNode, role: string, query: RoleQuery = {}): HTMLElement | null {
  const found = queryAllByRole(root, role, query);
  if (found.length > 1) throw new Error(`expected at most one ${role} named ${String(query.name)}, found ${found.length}`);
  return found[0] ?? null;
}
