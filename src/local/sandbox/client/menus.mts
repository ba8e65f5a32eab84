// The host page's menus: the add-on's menu under Extensions (each add-on by its title, its items
// in a submenu), an add-on's own top-level menus in the menu bar, and running an item (POST
// /api/menu). Captions are set as text.
import type { ActionResponse, MenuItemView, WorkbookView } from '../transport';
import { $, el, post, toast } from './kit.mjs';

type Menus = WorkbookView['menus'];

const menubar = $('menubar');
const extensions = $<HTMLButtonElement>('menu-extensions');
const popup = $('menu-popup');

let current: () => Menus = () => [];
let after: () => Promise<void> = async () => {};

/** Wires the menus: `menus` gives the workbook's menus as last drawn; `refresh` runs after an item ran. */
export function initMenus(menus: () => Menus, refresh: () => Promise<void>): void {
  current = menus;
  after = refresh;
}

function closeMenus(): void {
  popup.hidden = true;
  popup.replaceChildren();
  for (const button of Array.from(menubar.querySelectorAll('.menu-button'))) button.setAttribute('aria-expanded', 'false');
}

function menuList(items: MenuItemView[], container: HTMLElement): void {
  if (items.length === 0) container.append(el('div', 'menu-empty', 'No items'));
  for (const item of items) {
    if ('separator' in item) {
      container.append(el('div', 'menu-separator'));
      continue;
    }
    const button = el('button', 'menu-item');
    button.type = 'button';
    button.setAttribute('role', 'menuitem');
    button.append(el('span', 'caption', item.caption));
    if ('items' in item) {
      button.setAttribute('aria-haspopup', 'menu');
      button.append(el('span', 'arrow', '▸'));
      const open = (): void => {
        for (const sibling of Array.from(container.children)) {
          if (sibling === button) continue;
          sibling.classList.remove('open');
          sibling.querySelector(':scope > .submenu')?.remove();
        }
        if (button.querySelector(':scope > .submenu')) return;
        button.classList.add('open');
        const sub = el('div', 'menu-popup submenu');
        sub.setAttribute('role', 'menu');
        menuList(item.items, sub);
        button.append(sub);
      };
      button.addEventListener('mouseenter', open);
      button.addEventListener('click', (event) => {
        if ((event.target as HTMLElement).closest('.submenu')) return;
        event.stopPropagation();
        open();
      });
    } else {
      const functionName = item.functionName;
      button.addEventListener('mouseenter', () => {
        for (const sibling of Array.from(container.children)) {
          if (sibling === button) continue;
          sibling.classList.remove('open');
          sibling.querySelector(':scope > .submenu')?.remove();
        }
      });
      button.addEventListener('click', (event) => {
        event.stopPropagation();
        closeMenus();
        void runMenuItem(functionName);
      });
    }
    container.append(button);
  }
}

function openMenu(button: HTMLButtonElement, items: MenuItemView[]): void {
  const wasOpen = button.getAttribute('aria-expanded') === 'true';
  closeMenus();
  if (wasOpen) return;
  button.setAttribute('aria-expanded', 'true');
  menuList(items, popup);
  const box = button.getBoundingClientRect();
  popup.style.left = `${box.left}px`;
  popup.style.top = `${box.bottom + 2}px`;
  popup.hidden = false;
}

/** Extensions lists each add-on by its menu's title, with the add-on's items in a submenu. */
function extensionItems(): MenuItemView[] {
  const addons = current().filter((m) => m.addon);
  if (addons.length === 0) return [];
  return addons.map((m) => ({ caption: m.title, items: m.items }));
}

/** The add-on's own top-level menus (not under Extensions), after the menu bar's fixed buttons. */
export function drawMenubar(menus: Menus): void {
  for (const old of Array.from(menubar.querySelectorAll('.menu-button.custom'))) old.remove();
  for (const menu of menus.filter((m) => !m.addon)) {
    const button = el('button', 'menu-button custom', menu.title);
    button.type = 'button';
    button.setAttribute('aria-haspopup', 'menu');
    button.setAttribute('aria-expanded', 'false');
    button.addEventListener('click', (event) => {
      event.stopPropagation();
      openMenu(button, menu.items);
    });
    menubar.append(button);
  }
}

extensions.addEventListener('click', (event) => {
  event.stopPropagation();
  const items = extensionItems();
  openMenu(extensions, items);
  if (items.length === 0 && !popup.hidden) {
    popup.replaceChildren(el('div', 'menu-empty', 'The add-on built no menu (see the terminal).'));
  }
});
document.addEventListener('click', (event) => {
  if (!popup.hidden && !popup.contains(event.target as Node)) closeMenus();
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !popup.hidden) closeMenus();
});

async function runMenuItem(functionName: string): Promise<void> {
  const result = await post<ActionResponse>('/api/menu', { functionName });
  if (!result.ok) toast(`${result.error.name}: ${result.error.message}`, 'error');
  await after();
}

