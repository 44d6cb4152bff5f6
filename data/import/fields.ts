/**
 * Field names and catalogue values of import files: which columns/properties each kind reads,
 * the aliases people actually use (latitude, lon, 经度, 名称 …), and catalogue values given as
 * keys or as their Chinese/English labels (工会驿站, 饮用水 …).
 */
import { AMENITIES, MERCHANT_CATEGORIES, STATION_STATUSES, MERCHANT_STATUSES, STATION_TYPES } from '../catalog';
import type { CatalogEntry } from '../catalog';

export type ImportKind = 'stations' | 'merchants';

const COMMON = ['id', 'name', 'address', 'province', 'city', 'district', 'phone', 'opening_hours', 'status', 'notes', 'timezone', 'verified_at'];
const BY_KIND: Record<ImportKind, string[]> = {
  stations: [...COMMON, 'type', 'operator', 'amenities'],
  merchants: [...COMMON, 'category'],
};
/** Fields that hold free text (everything but position and catalogue values). */
export const TEXT_FIELDS = ['id', 'name', 'address', 'province', 'city', 'district', 'phone', 'operator', 'opening_hours', 'notes', 'timezone', 'verified_at'];

const ALIASES: Record<string, string> = {
  latitude: 'lat', longitude: 'lng', lon: 'lng', long: 'lng', x: 'lng', y: 'lat',
  hours: 'opening_hours', openinghours: 'opening_hours', note: 'notes', tel: 'phone', telephone: 'phone',
  纬度: 'lat', 经度: 'lng', 名称: 'name', 站点名称: 'name', 驿站名称: 'name', 商户名称: 'name', 类型: 'type',
  地址: 'address', 详细地址: 'address', 省: 'province', 省份: 'province', 市: 'city', 城市: 'city',
  区: 'district', 区县: 'district', 电话: 'phone', 联系电话: 'phone', 运营单位: 'operator',
  营业时间: 'opening_hours', 开放时间: 'opening_hours', 服务设施: 'amenities', 设施: 'amenities',
  状态: 'status', 备注: 'notes', 类别: 'category', 分类: 'category', 编号: 'id',
};

/** Canonical field name of a header cell or property key ('Latitude ' → 'lat', '经度' → 'lng'). */
export function canonicalField(name: string): string {
  const k = name.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return ALIASES[k] ?? ALIASES[k.replace(/_/g, '')] ?? k;
}

/** Whether a canonical field is read for this kind (lat/lng count; position comes from them). */
export function isKnownField(kind: ImportKind, field: string): boolean {
  return field === 'lat' || field === 'lng' || BY_KIND[kind].includes(field);
}

/** A catalogue key from its key or zh/en label (case-insensitive), or undefined. */
export function lookupKey<K extends string>(entries: readonly CatalogEntry<K>[], value: string): K | undefined {
  const v = value.trim().toLowerCase();
  return entries.find((e) => e.key === v || e.zh === value.trim() || e.en.toLowerCase() === v)?.key;
}

const allowed = (entries: readonly CatalogEntry<string>[]) => entries.map((e) => `${e.key} (${e.zh})`).join(', ');
/** Reason for an unknown catalogue value, listing what is allowed. */
export function unknownValueReason(field: string, value: string): string {
  const list = field === 'type' ? allowed(STATION_TYPES)
    : field === 'category' ? allowed(MERCHANT_CATEGORIES)
    : AMENITIES.map((e) => e.key).join(', ') + ' — or their Chinese labels (饮用水, 卫生间 …)';
  const what = field === 'amenities' ? 'amenity' : field;
  return `unknown ${what} "${value}"; allowed: ${list}`;
}

/** Status values allowed for a kind. */
export function statusesOf(kind: ImportKind): readonly string[] {
  return kind === 'stations' ? STATION_STATUSES : MERCHANT_STATUSES;
}

/** Items of a list cell: an array, or text separated by ; ； , ， 、 or |. */
export function splitList(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v !== 'string') return [v];
  return v.split(/[;；,，、|]/).map((s) => s.trim()).filter(Boolean);
}
