/** "Position: my position (within about 30 m)" with a button to change it. */
import { MapPin } from './icons';
import { CITIES } from '../lib/cities';
import { formatDistance } from '../lib/format';
import type { Position } from '../lib/prefs';
import { useI18n } from '../i18n/context';

export function PositionLine({ pos, restored, onChange }: { pos: Position; restored: boolean; onChange(): void }) {
  const { t, locale } = useI18n();
  const city = CITIES.find((c) => c.key === pos.city);
  let place: string;
  if (pos.source === 'city' && pos.place) place = t('locPlace', { place: locale === 'en' ? pos.place.en : pos.place.zh });
  else if (pos.source === 'city' && city) place = t('locCity', { city: locale === 'en' ? city.en : city.zh });
  else if (pos.source === 'map') place = t('locMap');
  else place = restored ? t('locLast') : t('locGps');
  const accuracy = pos.source === 'gps' && pos.accuracy && pos.accuracy > 50 ? t('locAccuracy', { distance: formatDistance(pos.accuracy, locale) }) : '';
  return (
    <div class="position-line">
      <MapPin size={18} aria-hidden="true" class="icon" />
      <span>{t('locNear', { place }) + accuracy}</span>
      <button type="button" class="btn-link" onClick={onChange}>
        {t('locChange')}
      </button>
    </div>
  );
}
