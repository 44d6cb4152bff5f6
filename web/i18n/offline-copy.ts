/**
 * The offline copy's scope and the whole-country download, in the settings (the settings chunk's
 * own catalogue, so the first load does not carry them).
 */
import { useI18n } from './context';
import { fill, type Params } from '.';

const zh = {
  copyScopeRegion: '离线可用：{province}及周边 {km} 公里',
  copyScopeNear: '离线可用：所在地周边 {km} 公里',
  copyScopeAll: '离线可用：全国',
  copyScopeWhy: '为节省流量，用手机网络或省流量模式时只下载所在地区。连上 Wi-Fi 后会在后台下载全国数据。',
  copyAllButton: '下载全国离线数据 — {size}',
  copyAllButtonNoSize: '下载全国离线数据',
  copyAllProgress: '正在下载全国离线数据… {done} / {total}',
  copyAllProgressNoTotal: '正在下载全国离线数据… {done}',
  copyAllStoring: '正在保存全国离线数据…',
};

const en: Record<CopyKey, string> = {
  copyScopeRegion: 'Available offline: {province} and {km} km around',
  copyScopeNear: 'Available offline: {km} km around you',
  copyScopeAll: 'Available offline: all of China',
  copyScopeWhy: 'To save data, only your area is downloaded on mobile data or in data saver mode. The rest of China downloads in the background on Wi-Fi.',
  copyAllButton: 'Download all of China for offline — {size}',
  copyAllButtonNoSize: 'Download all of China for offline',
  copyAllProgress: 'Downloading all of China… {done} of {total}',
  copyAllProgressNoTotal: 'Downloading all of China… {done}',
  copyAllStoring: 'Saving all of China…',
};

export type CopyKey = keyof typeof zh;

/** The offline-copy messages in the current language. */
export function useCopyT(): (key: CopyKey, params?: Params) => string {
  const { locale } = useI18n();
  const cat = locale === 'en' ? en : zh;
  return (key, params) => fill(cat[key], params);
}
