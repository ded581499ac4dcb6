import { inkOn } from '@/lib/domain/legible-color';

/**
 * A remote caret with its `<DELEGATION> · <name>` label, as Tiptap draws it by default,
 * except that the label's text colour is computed from the delegation's colour so it
 * keeps 4.5:1 contrast on light colours too (white on the dark ones).
 */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === 'string' ? user.color : 'transparent';
  const cursor = document.createElement('span');
  cursor.classList.add('collaboration-carets__caret');
  cursor.style.borderColor = color;
  const label = document.createElement('div');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = color;
  label.style.color = inkOn(color);
  label.append(document.createTextNode(String(user.name ?? '')));
  cursor.append(label);
  return cursor;
}
