// Makes any HTML-string sink throw while code under test runs: what Calendar's Trusted Types
// would refuse (innerHTML, outerHTML, insertAdjacentHTML, document.write, srcdoc).
export function forbidHtmlStrings(): () => void {
  const restores: (() => void)[] = [];
  const trap = (target: object, name: string, kind: 'set' | 'value') => {
    const descriptor = Object.getOwnPropertyDescriptor(target, name);
    if (!descriptor) return;
    const fail = () => {
      throw new Error(`HTML string sink used: ${name}`);
    };
    Object.defineProperty(target, name, kind === 'set' ? { ...descriptor, set: fail } : { ...descriptor, value: fail });
    restores.push(() => Object.defineProperty(target, name, descriptor));
  };
  trap(Element.prototype, 'innerHTML', 'set');
  trap(Element.prototype, 'outerHTML', 'set');
  trap(Element.prototype, 'insertAdjacentHTML', 'value');
  trap(Document.prototype, 'write', 'value');
  trap(HTMLIFrameElement.prototype, 'srcdoc', 'set');
  return () => restores.reverse().forEach((restore) => restore());
}
