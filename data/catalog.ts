/**
 * Catalogues: station types, amenities and merchant categories, each with zh-CN/en labels and
 * the name of its icon (a lucide icon name; web/ maps names to components); the plain key lists
 * (statuses, offer and report kinds, coordinate systems) whose words live in each app's i18n.
 * Order matters: an entry's index is its bit in the masks the indexes use (see `bitOf`).
 */

export interface CatalogEntry<K extends string> {
  key: K;
  zh: string;
  en: string;
  icon: string;
}

export const STATION_TYPES = [
  { key: 'union_station', zh: '工会驿站', en: 'Union station', icon: 'house' },
  { key: 'outdoor_worker_station', zh: '户外劳动者服务站', en: 'Outdoor workers’ station', icon: 'tent' },
  { key: 'driver_home', zh: '司机之家', en: 'Drivers’ home', icon: 'truck' },
  { key: 'other', zh: '其他', en: 'Other', icon: 'map-pin' },
  // appended (a key's position is its bit in stored masks): the station kinds the source articles name
  { key: 'labour_relations_station', zh: '劳动关系公共服务站', en: 'Labour-relations service station', icon: 'handshake' },
  { key: 'legal_aid_station', zh: '法律援助工作站', en: 'Legal aid station', icon: 'scale' },
  { key: 'employment_station', zh: '就业服务站', en: 'Employment service station', icon: 'briefcase' },
] as const satisfies readonly CatalogEntry<string>[];

/**
 * What a station's notices announce. `zh`/`en` are the short badge words of list rows ("招聘" /
 * "Jobs"); the longer phrases live in each app's i18n.
 */
export const NOTICE_KINDS = [
  { key: 'job', zh: '招聘', en: 'Jobs', icon: 'briefcase' },
  { key: 'training', zh: '培训', en: 'Training', icon: 'graduation-cap' },
  { key: 'legal_aid', zh: '法律咨询', en: 'Legal aid', icon: 'scale' },
  { key: 'childcare', zh: '托管', en: 'Childcare', icon: 'baby' },
  { key: 'relief', zh: '送温暖', en: 'Relief', icon: 'gift' },
  { key: 'event', zh: '活动', en: 'Event', icon: 'calendar' },
  { key: 'service_change', zh: '服务变动', en: 'Service change', icon: 'triangle-alert' },
] as const satisfies readonly CatalogEntry<string>[];

export const AMENITIES = [
  { key: 'drinking_water', zh: '饮用水', en: 'Drinking water', icon: 'glass-water' },
  { key: 'toilet', zh: '卫生间', en: 'Toilet', icon: 'toilet' },
  { key: 'microwave', zh: '微波炉', en: 'Microwave', icon: 'microwave' },
  { key: 'phone_charging', zh: '手机充电', en: 'Phone charging', icon: 'smartphone-charging' },
  { key: 'ebike_charging', zh: '电动车充电', en: 'E-bike charging', icon: 'bike' },
  { key: 'rest_seating', zh: '休息座椅', en: 'Seating', icon: 'armchair' },
  { key: 'nap_bed', zh: '午休床', en: 'Nap bed', icon: 'bed' },
  { key: 'air_conditioning', zh: '空调', en: 'Air conditioning', icon: 'snowflake' },
  { key: 'heating', zh: '取暖', en: 'Heating', icon: 'heater' },
  { key: 'rain_shelter', zh: '避雨', en: 'Rain shelter', icon: 'umbrella' },
  { key: 'first_aid', zh: '急救药箱', en: 'First aid', icon: 'briefcase-medical' },
  { key: 'legal_aid', zh: '法律援助', en: 'Legal aid', icon: 'scale' },
  { key: 'job_board', zh: '招聘信息', en: 'Job board', icon: 'clipboard-list' },
  { key: 'books', zh: '图书', en: 'Books', icon: 'book-open' },
  { key: 'wifi', zh: '无线网络', en: 'Wi-Fi', icon: 'wifi' },
  { key: 'shower', zh: '淋浴', en: 'Shower', icon: 'shower-head' },
  { key: 'laundry', zh: '洗衣', en: 'Laundry', icon: 'washing-machine' },
  { key: 'truck_parking', zh: '货车停车', en: 'Truck parking', icon: 'square-parking' },
  { key: 'wheelchair_accessible', zh: '无障碍', en: 'Wheelchair accessible', icon: 'accessibility' },
] as const satisfies readonly CatalogEntry<string>[];

export const MERCHANT_CATEGORIES = [
  { key: 'auto_parts', zh: '汽车配件', en: 'Auto parts', icon: 'cog' },
  { key: 'tires', zh: '轮胎', en: 'Tyres', icon: 'circle-dot' },
  { key: 'lubricants', zh: '润滑油', en: 'Lubricants', icon: 'droplet' },
  { key: 'vehicle_repair', zh: '汽车维修', en: 'Vehicle repair', icon: 'wrench' },
  { key: 'fuel', zh: '加油', en: 'Fuel', icon: 'fuel' },
  { key: 'food', zh: '餐饮', en: 'Food', icon: 'utensils' },
  { key: 'grocery', zh: '超市便利', en: 'Grocery', icon: 'shopping-basket' },
  { key: 'pharmacy', zh: '药店', en: 'Pharmacy', icon: 'pill' },
  { key: 'clinic', zh: '诊所', en: 'Clinic', icon: 'stethoscope' },
  { key: 'childcare', zh: '托育', en: 'Childcare', icon: 'baby' },
  { key: 'recreation', zh: '休闲娱乐', en: 'Recreation', icon: 'ticket' },
  { key: 'household_services', zh: '家政服务', en: 'Household services', icon: 'house-plus' },
  { key: 'other', zh: '其他', en: 'Other', icon: 'store' },
] as const satisfies readonly CatalogEntry<string>[];

export const STATION_STATUSES = ['open', 'temporarily_closed', 'closed'] as const;
/** A station out of service, for a while or for good: closed whatever its opening hours say. */
export const outOfService = (status: string | undefined): boolean => status === 'temporarily_closed' || status === 'closed';
export const MERCHANT_STATUSES = ['pending', 'approved', 'rejected', 'suspended'] as const;
export const OFFER_KINDS = ['percent_off', 'member_price', 'free_item', 'coupon'] as const;
export const OFFER_STATUSES = ['pending', 'approved', 'rejected', 'paused'] as const;
export const CRS_LIST = ['wgs84', 'gcj02', 'bd09'] as const;
/** Problem-report kinds (POST /api/reports), in the order the rider's report form lists them. */
export const REPORT_KINDS = [
  'closed', 'temporarily_closed', 'not_found', 'wrong_location', 'amenity_missing', 'confirmed', 'other',
] as const;

export type StationType = (typeof STATION_TYPES)[number]['key'];
export type Amenity = (typeof AMENITIES)[number]['key'];
export type NoticeKind = (typeof NOTICE_KINDS)[number]['key'];
export type MerchantCategory = (typeof MERCHANT_CATEGORIES)[number]['key'];
export type StationStatus = (typeof STATION_STATUSES)[number];
export type MerchantStatus = (typeof MERCHANT_STATUSES)[number];
export type OfferKind = (typeof OFFER_KINDS)[number];
export type OfferStatus = (typeof OFFER_STATUSES)[number];
export type Crs = (typeof CRS_LIST)[number];
export type ReportKind = (typeof REPORT_KINDS)[number];

export const STATION_TYPE_KEYS = STATION_TYPES.map((e) => e.key) as [StationType, ...StationType[]];
export const NOTICE_KIND_KEYS = NOTICE_KINDS.map((e) => e.key) as [NoticeKind, ...NoticeKind[]];
export const AMENITY_KEYS = AMENITIES.map((e) => e.key) as [Amenity, ...Amenity[]];
export const MERCHANT_CATEGORY_KEYS = MERCHANT_CATEGORIES.map((e) => e.key) as [
  MerchantCategory,
  ...MerchantCategory[],
];

/** Bit of a key in its catalogue, so sets of amenities/types/categories fit in one 32-bit mask. */
export function bitOf(keys: readonly string[], key: string): number {
  const i = keys.indexOf(key);
  if (i < 0) throw new Error(`unknown key ${key}`);
  return 1 << i;
}

/** Mask of a set of keys from one catalogue (amenities, types or categories). */
export function maskOf(keys: readonly string[], set: readonly string[]): number {
  let m = 0;
  for (const k of set) m |= bitOf(keys, k);
  return m >>> 0;
}

/** The keys whose bits are set in a mask, in catalogue order. */
export function keysOf<K extends string>(keys: readonly K[], mask: number): K[] {
  return keys.filter((_, i) => (mask >>> i) & 1);
}
