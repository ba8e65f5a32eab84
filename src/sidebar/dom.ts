// Element helpers that only ever set text (never innerHTML), so names from the sheet stay text.

type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: {
    class?: string;
    role?: string;
    hidden?: boolean;
    onClick?: () => void;
    type?: string;
    id?: string;
    /** Any other attributes, set as text. */
    attrs?: Record<string, string>;
  } = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.id) el.id = props.id;
  if (props.role) el.setAttribute('role', props.role);
  if (props.type) el.setAttribute('type', props.type);
  if (props.hidden) el.hidden = true;
  if (props.onClick) el.addEventListener('click', props.onClick);
  for (const [name, value] of Object.entries(props.attrs ?? {})) el.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`Missing #${id} in Sidebar.html`);
  return el as T;
}

/** At most `max` characters (code points) of `text`, with "…" when cut. */
export function prefix(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max).join('')}…`;
}

/** How much of a name is put in the page at all: the CSS clips far sooner (one line, with "…"). */
const SHOWN = 500;
/** How much of a name a tooltip holds. */
const TOOLTIP = 200;

/**
 * A name or other text from the sheet, inside other text: a <bdi dir="auto">, so its direction is
 * its own and it cannot reorder what is around it (bidi controls are already stripped on the
 * server, core/text.ts). Its title holds the start of it, for when the CSS clips it.
 */
export function userText(text: string, className = 'user'): HTMLElement {
  return h('bdi', { class: className, attrs: { dir: 'auto', title: prefix(text, TOOLTIP) } }, prefix(text, SHOWN));
}

/**
 * Bidi formatting and control characters made visible ("⟨U+202E⟩"), for messages that quote what
 * was typed (a roster problem quoting a bad email): there the owner needs to see what is wrong,
 * and an override must not reorder the rest of the message. Names never hold them (core/text.ts).
 */
export function visibleControls(text: string): string {
  return text.replace(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}
