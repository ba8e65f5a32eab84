// The host page's small helpers, shared by its modules (host.mts, menus.mts, clock.mts): elements
// made with their text as text (never HTML), JSON posts to the sandbox, and toasts.

/** The element with this id, or an error naming it. */
export const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the host page`);
  return el as T;
};

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text = ''): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

/** POSTs JSON to the sandbox; the answer's JSON, whatever its status (refusals are JSON too). */
export async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    cache: 'no-store',
  });
  return (await response.json()) as T;
}

export function toast(text: string, kind: 'info' | 'error' = 'info'): void {
  const box = el('div', `toast ${kind}`);
  box.setAttribute('role', 'status');
  const message = el('span', '', text);
  const dismiss = el('button', '', 'Dismiss');
  dismiss.type = 'button';
  dismiss.addEventListener('click', () => box.remove());
  box.append(message, dismiss);
  $('toasts').append(box);
  setTimeout(() => box.remove(), kind === 'error' ? 12000 : 6000);
}
