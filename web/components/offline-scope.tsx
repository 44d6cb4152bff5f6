/**
 * What the offline copy covers ("离线可用：江苏省及周边 300 公里" / "全国") and, for a regional copy,
 * "download all of China for offline — 9.8 MB" (the real size, from the server) with its progress.
 * Part of the settings panel's chunk.
 */
import { useEffect, useState } from 'preact/hooks';
import { Download } from 'lucide-preact';
import { formatBytes } from '../lib/offline-format';
import type { OfflineRuntime } from '../lib/offline-runtime';
import type { OfflineState } from '../lib/offline-status';
import { useI18n } from '../i18n/context';
import { useCopyT } from '../i18n/offline-copy';

interface Props {
  runtime: OfflineRuntime | null;
  state: OfflineState;
  /** the copy is kept at all (settings) */
  keep: boolean;
}

export function OfflineScope({ runtime, state: s, keep }: Props) {
  const { locale } = useI18n();
  const ct = useCopyT();
  const [size, setSize] = useState<number | null>(null);
  const region = s.copy?.region ?? null;
  const whole = s.copy !== null && region === null;
  useEffect(() => {
    if (runtime && !whole) void runtime.fullSize().then((f) => setSize(f.bytes), () => setSize(null));
  }, [runtime, whole]);

  const bytes = (n: number) => formatBytes(n, locale);
  const d = s.download;
  const km = region ? Math.round(region.radius / 1000) : 0;
  return (
    <div class="offline-scope">
      {s.copy && (
        <p class="copy-scope">
          {whole ? ct('copyScopeAll') : region?.province ? ct('copyScopeRegion', { province: region.province, km }) : ct('copyScopeNear', { km })}
        </p>
      )}
      {d ? (
        <div class="save-progress" role="status">
          <span id="copy-all-progress">
            {d.done < 0 ? ct('copyAllStoring') : d.total ? ct('copyAllProgress', { done: bytes(d.done), total: bytes(d.total) }) : ct('copyAllProgressNoTotal', { done: bytes(d.done) })}
          </span>
          <progress aria-labelledby="copy-all-progress" {...(d.total && d.done >= 0 ? { max: d.total, value: Math.min(d.done, d.total) } : {})} />
        </div>
      ) : (
        !whole && (
          <>
            {region && <p class="muted">{ct('copyScopeWhy')}</p>}
            <button type="button" class="btn btn-secondary copy-all" disabled={!runtime || !keep} onClick={() => void runtime?.downloadAll()}>
              <Download size={20} aria-hidden="true" class="icon" />
              {size === null ? ct('copyAllButtonNoSize') : ct('copyAllButton', { size: bytes(size) })}
            </button>
          </>
        )
      )}
    </div>
  );
}
