/**
 * Keyboard and scroll follow the open place: opening one scrolls the sheet to its top; closing it
 * (button, Escape or the phone's Back) puts the keyboard back on its row in the list.
 */
import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Target } from './use-place-url';

export function useReturnFocus(target: Target | null, sheet: RefObject<HTMLElement | null>): void {
  const last = useRef<string | null>(null);
  useEffect(() => {
    if (target) {
      last.current = target.id;
      sheet.current?.querySelector('.sheet-body')?.scrollTo(0, 0);
    } else if (last.current) {
      document.querySelector<HTMLElement>(`.row[data-id="${CSS.escape(last.current)}"] .row-name`)?.focus();
      last.current = null;
    }
  }, [target]);
}
