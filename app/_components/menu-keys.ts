import type { KeyboardEvent } from 'react';

/**
 * Keyboard handling of a `role="menu"` popup (WAI-ARIA menu button pattern): arrows,
 * Home and End move between its menu items, Escape closes it and gives focus back to
 * its button, Tab closes it and lets focus move on.
 */
export function handleMenuKey(event: KeyboardEvent<HTMLElement>, menu: HTMLElement | null, actions: { close: () => void; dismiss: () => void }): void {
  const entries = [...(menu?.querySelectorAll<HTMLElement>('[role="menuitem"], [role="menuitemradio"]') ?? [])];
  const at = entries.indexOf(document.activeElement as HTMLElement);
  const go = (i: number) => entries[(i + entries.length) % entries.length]?.focus();
  if (event.key === 'ArrowDown') go(at + 1);
  else if (event.key === 'ArrowUp') go(at - 1);
  else if (event.key === 'Home') go(0);
  else if (event.key === 'End') go(entries.length - 1);
  else if (event.key === 'Escape') actions.close();
  else if (event.key === 'Tab') {
    actions.dismiss();
    return;
  } else return;
  event.preventDefault();
}
