/**
 * Export: stations and merchants as GeoJSON or CSV, in the import format (download links; the
 * session cookie goes with them, and every export is written to the audit log).
 */
import { Download } from 'lucide-preact';
import { useApp } from '../app-context';
import { PageHead } from '../components/ui';
import { useI18n } from '../i18n';

export function ExportScreen() {
  const { t } = useI18n();
  const { api } = useApp();
  return (
    <section>
      <PageHead title={t('exportTitle')}><p class="lead">{t('exportHelp')}</p></PageHead>
      <ul class="cards">
        {(['stations', 'merchants'] as const).map((kind) => (
          <li key={kind} class="card">
            <h2 class="card-title" id={`export-${kind}`}>{t(kind === 'stations' ? 'exportStations' : 'exportMerchants')}</h2>
            <div class="card-actions">
              {(['geojson', 'csv'] as const).map((format) => (
                <a key={format} class="btn btn-secondary" href={api.exportUrl(kind, format)} download aria-describedby={`export-${kind}`}>
                  <Download size={20} aria-hidden="true" class="icon" />{t(format === 'csv' ? 'exportCsv' : 'exportGeojson')}
                </a>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
