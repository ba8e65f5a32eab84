// DOM building for the sandbox's own pages: every string goes in as text (textContent, text nodes,
// setAttribute), never as HTML, so nothing a person typed into the sheet, the form or an event can
// become markup.

type Child = Node | string | null | undefined | false;

export interface Props {
  class?: string;
  /** Attributes, set with setAttribute. */
  attrs?: Record<string, string>;
}

/** An element with its class, attributes and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (/^on/i.test(name)) throw new Error(`Refusing to set the event-handler attribute ${name}`);
    node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** The element with this id, or an error naming it. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the page`);
  return node as T;
}

/** Google's respondent links to a form, and the sandbox path that opens the same form here. */
export const FORM_LINK = /https:\/\/docs\.google\.com(\/forms\/d\/e\/[A-Za-z0-9_-]+\/viewform(?:\?[^\s<>"]*)?)/g;

/**
 * Plain text with each feedback-form link made a link to the sandbox's form page (the address
 * shown as written). Other addresses stay text: nothing here may lead off 127.0.0.1.
 */
export function textWithFormLinks(text: string): Node[] {
  const out: Node[] = [];
  let at = 0;
  for (const m of text.matchAll(FORM_LINK)) {
    const index = m.index ?? 0;
    if (index > at) out.push(document.createTextNode(text.slice(at, index)));
    out.push(h('a', { class: 'form-link', attrs: { href: m[1] } }, m[0]));
    at = index + m[0].length;
  }
  if (at < text.length) out.push(document.createTextNode(text.slice(at)));
  return out;
}
