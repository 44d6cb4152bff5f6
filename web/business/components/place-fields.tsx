/**
 * The fields stations and shops share: where it is (map pin, or typed coordinates in the system
 * they were copied from — WGS-84, GCJ-02 from Amap/Tencent, BD-09 from Baidu, converted to WGS-84
 * before saving) and its address (street, province, city, district).
 */
import { CRS_LIST, type Crs } from '../../../data/catalog';
import { fromWgs84, toWgs84 } from '../../../data/crs';
import type { LngLat } from '../../lib/api';
import { useI18n } from '../i18n';
import { coordinate, type Draft, type Issues } from '../lib/drafts';
import { TextField } from './fields';
import { PinMapField } from './pin-map';

interface Props {
  id: string;
  draft: Draft;
  issues: Record<string, string | undefined>;
  set(k: string, v: string): void;
  /** both coordinates at once (a pin move), so one render sees both */
  setMany(v: Draft): void;
  /** the system the typed coordinates are in */
  crs: Crs;
  onCrs(c: Crs): void;
}

export function PositionFields({ id, draft, issues, set, setMany, crs, onCrs }: Props) {
  const { t, tk } = useI18n();
  const lat = coordinate(draft.lat);
  const lng = coordinate(draft.lng);
  // the pin is WGS-84 (the map's tiles are placed so); typed numbers are in the chosen system
  const pin: LngLat | null = lat !== undefined && lng !== undefined && Math.abs(lat) <= 90 && Math.abs(lng) <= 180 ? toWgs84([lng, lat], crs) : null;
  const moved = (p: LngLat) => {
    const [x, y] = fromWgs84(p, crs);
    setMany({ lat: y.toFixed(6), lng: x.toFixed(6) });
  };
  return (
    <fieldset class="group">
      <legend>{t('position')}</legend>
      <p class="help" id={`${id}-pos-help`}>{t('positionHelp')}</p>
      <PinMapField id={`${id}-map`} pin={pin} onMove={moved} />
      <div class="row-2">
        <TextField id={`${id}-lat`} label={t('lat')} value={draft.lat} onValue={(v) => set('lat', v)} error={issues.lat} inputMode="decimal" autoComplete="off" />
        <TextField id={`${id}-lng`} label={t('lng')} value={draft.lng} onValue={(v) => set('lng', v)} error={issues.lng} inputMode="decimal" autoComplete="off" />
      </div>
      <fieldset class="crs-choice">
        <legend>{t('positionCrs')}</legend>
        <p class="help" id={`${id}-crs-help`}>{t('crsHelp')}</p>
        <div class="choice-list" aria-describedby={`${id}-crs-help`}>
          {CRS_LIST.map((c) => (
            <label key={c} class="choice">
              <input type="radio" name={`${id}-crs`} value={c} checked={crs === c} onChange={() => onCrs(c)} />
              <span>{tk('crs_', c)}</span>
            </label>
          ))}
        </div>
      </fieldset>
    </fieldset>
  );
}

export function AddressFields({ id, draft, issues, set }: Omit<Props, 'setMany' | 'crs' | 'onCrs'>) {
  const { t } = useI18n();
  return (
    <>
      <TextField id={`${id}-address`} label={t('address')} value={draft.address} onValue={(v) => set('address', v)} error={issues.address} optional autoComplete="street-address" maxLength={200} />
      <div class="row-3">
        <TextField id={`${id}-province`} label={t('province')} value={draft.province} onValue={(v) => set('province', v)} error={issues.province} optional autoComplete="address-level1" maxLength={40} />
        <TextField id={`${id}-city`} label={t('city')} value={draft.city} onValue={(v) => set('city', v)} error={issues.city} optional autoComplete="address-level2" maxLength={40} />
        <TextField id={`${id}-district`} label={t('district')} value={draft.district} onValue={(v) => set('district', v)} error={issues.district} optional autoComplete="address-level3" maxLength={40} />
      </div>
    </>
  );
}

export type { Issues };
