/**
 * Big-city centres offered with one tap when the position is unknown (permission denied, no GPS),
 * beside the search for any city or county (data/places, loaded lazily). WGS-84, 4 decimals.
 */
export interface City {
  key: string;
  zh: string;
  en: string;
  lng: number;
  lat: number;
}

export const CITIES: readonly City[] = [
  { key: 'beijing', zh: '北京', en: 'Beijing', lng: 116.4074, lat: 39.9042 },
  { key: 'shanghai', zh: '上海', en: 'Shanghai', lng: 121.4737, lat: 31.2304 },
  { key: 'guangzhou', zh: '广州', en: 'Guangzhou', lng: 113.2644, lat: 23.1291 },
  { key: 'shenzhen', zh: '深圳', en: 'Shenzhen', lng: 114.0579, lat: 22.5431 },
  { key: 'nanjing', zh: '南京', en: 'Nanjing', lng: 118.7969, lat: 32.0603 },
  { key: 'hangzhou', zh: '杭州', en: 'Hangzhou', lng: 120.1551, lat: 30.2741 },
  { key: 'wuhan', zh: '武汉', en: 'Wuhan', lng: 114.3055, lat: 30.5931 },
  { key: 'chengdu', zh: '成都', en: 'Chengdu', lng: 104.0665, lat: 30.5728 },
  { key: 'chongqing', zh: '重庆', en: 'Chongqing', lng: 106.5516, lat: 29.563 },
  { key: 'xian', zh: '西安', en: 'Xi’an', lng: 108.9398, lat: 34.3416 },
  { key: 'zhengzhou', zh: '郑州', en: 'Zhengzhou', lng: 113.6254, lat: 34.7466 },
  { key: 'tianjin', zh: '天津', en: 'Tianjin', lng: 117.2009, lat: 39.0842 },
  { key: 'lanzhou', zh: '兰州', en: 'Lanzhou', lng: 103.8343, lat: 36.0611 },
  { key: 'urumqi', zh: '乌鲁木齐', en: 'Ürümqi', lng: 87.6168, lat: 43.8256 },
];

