/**
 * The bottom sheet over the map (a side panel on wide screens). Its handle switches between
 * "list" (most of the screen) and "map" (a peek at the first answer); no drag gesture needed.
 */
import type { ComponentChildren, Ref } from 'preact';
import { ChevronDown, ChevronUp } from './icons';
import { useI18n } from '../i18n/context';

export type SheetSize = 'list' | 'map';

interface Props {
  size: SheetSize;
  onSize(s: SheetSize): void;
  sheetRef: Ref<HTMLDivElement>;
  children: ComponentChildren;
}

export function Sheet({ size, onSize, sheetRef, children }: Props) {
  const { t } = useI18n();
  const toMap = size === 'list';
  return (
    <div class="sheet" data-size={size} ref={sheetRef}>
      <button type="button" class="sheet-handle" aria-expanded={size === 'list'} aria-controls="sheet-body" onClick={() => onSize(toMap ? 'map' : 'list')}>
        <span class="grabber" aria-hidden="true" />
        <span class="sheet-handle-text">
          {toMap ? <ChevronDown size={18} aria-hidden="true" /> : <ChevronUp size={18} aria-hidden="true" />}
          {toMap ? t('sheetShowMap') : t('sheetShowList')}
        </span>
      </button>
      <div class="sheet-body" id="sheet-body" tabIndex={-1}>
        {children}
      </div>
    </div>
  );
}
