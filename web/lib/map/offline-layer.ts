/**
 * The map without tiles (offline, and the view's tiles were never cached): a neutral background,
 * the stations as usual, and a few city names so the rider can tell where the map is. No borders
 * are drawn — public maps in China need an approved boundary source. Labels are plain text nodes.
 */
import * as L from './leaflet';
import type { Crs } from '../../../data/catalog';
import { toDisplay } from './display';

/** [zh, en, lng, lat, rank]: rank 1 shows from the country view, rank 2 from zoom 6. WGS-84, 2 decimals. */
const CITIES: readonly [string, string, number, number, 1 | 2][] = [
  ['北京', 'Beijing', 116.41, 39.9, 1], ['上海', 'Shanghai', 121.47, 31.23, 1], ['广州', 'Guangzhou', 113.26, 23.13, 1],
  ['深圳', 'Shenzhen', 114.06, 22.54, 2], ['天津', 'Tianjin', 117.2, 39.08, 2], ['重庆', 'Chongqing', 106.55, 29.56, 1],
  ['成都', 'Chengdu', 104.07, 30.57, 1], ['武汉', 'Wuhan', 114.31, 30.59, 1], ['西安', "Xi'an", 108.94, 34.34, 1],
  ['南京', 'Nanjing', 118.8, 32.06, 1], ['杭州', 'Hangzhou', 120.16, 30.27, 2], ['郑州', 'Zhengzhou', 113.63, 34.75, 2],
  ['长沙', 'Changsha', 112.94, 28.23, 2], ['沈阳', 'Shenyang', 123.43, 41.81, 1], ['哈尔滨', 'Harbin', 126.53, 45.8, 1],
  ['长春', 'Changchun', 125.32, 43.82, 2], ['石家庄', 'Shijiazhuang', 114.51, 38.04, 2], ['太原', 'Taiyuan', 112.55, 37.87, 2],
  ['呼和浩特', 'Hohhot', 111.75, 40.84, 2], ['济南', 'Jinan', 117.12, 36.65, 2], ['青岛', 'Qingdao', 120.38, 36.07, 2],
  ['合肥', 'Hefei', 117.23, 31.82, 2], ['南昌', 'Nanchang', 115.86, 28.68, 2], ['福州', 'Fuzhou', 119.3, 26.08, 2],
  ['厦门', 'Xiamen', 118.09, 24.48, 2], ['南宁', 'Nanning', 108.37, 22.82, 2], ['海口', 'Haikou', 110.2, 20.04, 2],
  ['贵阳', 'Guiyang', 106.63, 26.65, 2], ['昆明', 'Kunming', 102.83, 24.88, 1], ['拉萨', 'Lhasa', 91.11, 29.65, 1],
  ['兰州', 'Lanzhou', 103.83, 36.06, 1], ['西宁', 'Xining', 101.78, 36.62, 2], ['银川', 'Yinchuan', 106.23, 38.49, 2],
  ['乌鲁木齐', 'Ürümqi', 87.62, 43.83, 1], ['喀什', 'Kashgar', 75.99, 39.47, 2], ['大连', 'Dalian', 121.61, 38.91, 2],
];
const DETAIL_ZOOM = 6; // from this zoom on, the rank-2 cities show too

export interface OfflineLayer {
  readonly layer: L.LayerGroup;
  /** Shows the labels that fit the zoom. */
  update(zoom: number): void;
}

/** City labels in the tile layer's system, in the given language. */
export function createOfflineLayer(crs: Crs, locale: string): OfflineLayer {
  const layer = L.layerGroup();
  const markers = CITIES.map(([zh, en, lng, lat, rank]) => {
    const [x, y] = toDisplay([lng, lat], crs);
    const el = document.createElement('span');
    el.className = 'city-label';
    el.textContent = locale === 'en' ? en : zh;
    return { rank, marker: L.marker([y, x], { icon: L.divIcon({ html: el, className: 'mk', iconSize: [0, 0] }), interactive: false, keyboard: false }) };
  });
  let shown = -1;
  return {
    layer,
    update(zoom) {
      const detail = zoom >= DETAIL_ZOOM ? 2 : 1;
      if (detail === shown) return;
      shown = detail;
      layer.clearLayers();
      for (const m of markers) if (m.rank <= detail) layer.addLayer(m.marker);
    },
  };
}
