// DOM lookups for the unit specs that fail with a clear message instead of a null dereference.

export function find<T extends Element = HTMLElement>(root: Element, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`Nothing matches ${selector}`);
  return found;
}

export function button(root: Element, text: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent?.includes(text));
  if (!found) throw new Error(`No button with the text "${text}"`);
  return found;
}

export function textOf(root: Element, selector: string): string {
  return (find(root, selector).textContent ?? '').trim();
}
