// The "Next rotation" card: the proposed groups with their reasons and badges, swapping two people
// (click one, then the other), a lock per group, re-planning the rest, and confirming. Everything
// is shown as text; the server re-checks the plan when it is confirmed.
import type { PlanGroupView, PlanPreview } from '../shared/api';
import { h, prefix, userText } from './dom';

export interface PlanHandlers {
  plan(): void;
  replan(): void;
  confirm(): void;
  select(email: string): void;
  toggleLock(group: number): void;
  setReplace(replace: boolean): void;
}

export interface PlanUiState {
  preview: PlanPreview | null;
  /** The person clicked first for a swap. */
  selected: string | null;
  /** Plan the running cycle again (its groups are marked replaced on confirm). */
  replace: boolean;
}

/**
 * Swaps two people between their groups (the sidebar's twin of the core's `swapMembers`). Both
 * groups are then the owner's choice: locked, so a re-plan keeps them. A copy.
 */
export function swapInPreview(preview: PlanPreview, a: string, b: string): PlanPreview {
  const groups = preview.groups.map((g) => ({ ...g, members: g.members.slice() }));
  const ga = groups.findIndex((g) => g.members.some((m) => m.email === a));
  const gb = groups.findIndex((g) => g.members.some((m) => m.email === b));
  if (ga < 0 || gb < 0 || ga === gb) return { ...preview, groups };
  const ia = groups[ga].members.findIndex((m) => m.email === a);
  const ib = groups[gb].members.findIndex((m) => m.email === b);
  const t = groups[ga].members[ia];
  groups[ga].members[ia] = groups[gb].members[ib];
  groups[gb].members[ib] = t;
  for (const g of [groups[ga], groups[gb]]) {
    g.reason = 'Swapped by hand.';
    g.locked = true;
    g.repeats = 0;
    g.teammates = false;
  }
  return { ...preview, groups };
}

/** The locked groups' emails, for "Re-plan the rest". */
export function lockedGroups(preview: PlanPreview): string[][] {
  return preview.groups.filter((g) => g.locked).map((g) => g.members.map((m) => m.email));
}

function groupItem(g: PlanGroupView, index: number, ui: PlanUiState, busy: boolean, on: PlanHandlers): HTMLElement {
  const members = g.members.map((m) => {
    const chosen = ui.selected === m.email;
    const b = h(
      'button',
      {
        class: chosen ? 'member action' : 'member',
        type: 'button',
        onClick: () => on.select(m.email),
        attrs: { title: `${prefix(m.name, 200)} · ${m.email}`, 'aria-pressed': String(chosen) },
      },
      userText(m.name, 'user clip'),
    );
    b.disabled = busy;
    return b;
  });
  const lock = h('label', { class: 'check' });
  const box = h('input', { type: 'checkbox', attrs: { name: `lock-${index}` } });
  box.checked = g.locked;
  box.disabled = busy;
  box.addEventListener('change', () => on.toggleLock(index));
  lock.append(box, 'Lock');
  return h(
    'li',
    { class: 'group', attrs: { 'data-group': String(index + 1) } },
    h('div', { class: 'members' }, ...members),
    h('div', { class: 'secondary' }, g.reason),
    h(
      'div',
      { class: 'badges' },
      g.locked ? h('span', { class: 'badge ok' }, 'Locked') : null,
      g.teammates ? h('span', { class: 'badge todo' }, 'Teammates') : null,
      g.repeats > 0 ? h('span', { class: 'badge todo' }, g.repeats === 1 ? 'Repeat' : `${g.repeats} repeats`) : null,
      lock,
    ),
  );
}

export function planCard(ui: PlanUiState, busy: boolean, on: PlanHandlers): HTMLElement {
  const body: Array<Node | null> = [h('h2', {}, 'Next rotation')];
  const btn = (label: string, onClick: () => void, primary = false) => {
    const b = h('button', { class: primary ? 'action' : '', type: 'button', onClick }, label);
    b.disabled = busy;
    return b;
  };
  const p = ui.preview;
  if (!p) {
    body.push(h('p', { class: 'secondary' }, 'Proposes the next cycle\'s pairs, each with its reason. Nothing is written until you confirm.'));
    const replace = h('input', { type: 'checkbox', attrs: { name: 'replace' } });
    replace.checked = ui.replace;
    replace.disabled = busy;
    replace.addEventListener('change', () => on.setReplace(replace.checked));
    body.push(h('label', { class: 'check' }, replace, 'Replace the running cycle'));
    body.push(btn('Plan next rotation', on.plan, true));
    return h('section', { class: 'card', id: 'plan' }, ...body);
  }
  body.push(
    h('p', { class: 'status' }, `Cycle ${p.cycle}: ${p.starts} to ${p.ends}, ${p.meetings} meetings${p.replaces ? ' (replaces the running cycle)' : ''}.`),
    h('p', { class: 'secondary' }, ui.selected ? 'Now click the person to swap with (or the same one to cancel).' : 'Click one person, then another, to swap them.'),
    h('ol', { class: 'groups' }, ...p.groups.map((g, i) => groupItem(g, i, ui, busy, on))),
  );
  if (p.warnings.length) body.push(h('ul', { class: 'details notice' }, ...p.warnings.map((w) => h('li', {}, w))));
  body.push(h('div', { class: 'buttons' }, btn('Re-plan the rest', on.replan), ' ', btn('Confirm', on.confirm, true)));
  return h('section', { class: 'card', id: 'plan' }, ...body);
}
