// Each card's error: an action that fails shows its message inside its own card, next to the
// action's buttons, and it stays there until the owner acts in that card again (any of its
// buttons) or dismisses it. Nothing else clears it: not a re-render, not the booking loop, not
// another card's action. A message whose card is not on screen shows in the alert at the top,
// which follows the same rule.
import { h, visibleControls } from './dom';

/** The cards that hold actions. */
export type CardId = 'program' | 'organizer' | 'roster' | 'plan' | 'schedule' | 'lifecycle' | 'feedback' | 'settings';

/** The text of anything thrown or rejected. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') return (error as { message: string }).message;
  return String(error);
}

export class CardErrors {
  private readonly messages = new Map<CardId, string>();
  /** The card whose message was set last and not yet scrolled to. */
  private fresh: CardId | null = null;

  set(card: CardId, error: unknown): void {
    this.messages.set(card, errorText(error));
    this.fresh = card;
  }

  clear(card: CardId): void {
    this.messages.delete(card);
    if (this.fresh === card) this.fresh = null;
  }

  get(card: CardId): string | undefined {
    return this.messages.get(card);
  }

  has(card: CardId): boolean {
    return this.messages.has(card);
  }

  /** The card whose message is new since the last call (to scroll to it), once. */
  takeFresh(): CardId | null {
    const card = this.fresh;
    this.fresh = null;
    return card;
  }
}

/** The alert shown inside a card: the message and a Dismiss button. */
export function errorAlert(card: CardId, message: string, onDismiss: () => void): HTMLElement {
  return h(
    'div',
    { class: 'error card-error', role: 'alert', attrs: { 'data-card': card } },
    h('span', { class: 'error-text' }, visibleControls(message)),
    h('button', { class: 'dismiss', type: 'button', onClick: onDismiss, attrs: { 'aria-label': 'Dismiss this message' } }, 'Dismiss'),
  );
}

/**
 * Puts `alert` into `card` next to its action: just before its row of buttons (or its lone
 * button, or the settings form's Save), else at the end of the card.
 */
export function placeAlert(card: HTMLElement, alert: HTMLElement): void {
  const anchor = card.querySelector(':scope > .buttons, :scope > button, form > button[type=submit]');
  if (anchor?.parentElement) anchor.parentElement.insertBefore(alert, anchor);
  else card.append(alert);
}
