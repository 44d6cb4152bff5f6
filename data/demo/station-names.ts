/**
 * Realistic station names and operators per station type: 南京市鼓楼区中山路工会驿站,
 * 宁波市海曙区户外劳动者服务站(解放路), 兰州司机之家(G30连霍高速兰州东), 顺丰速运…营业点工会驿站.
 */
import { HIGHWAYS, type DemoCity } from './cities';
import { DIRECTIONS } from './place';
import type { Random } from './random';

/** Station type keys in the generator's index order (0 = union_station …). */
export const TYPE_KEYS = ['union_station', 'outdoor_worker_station', 'driver_home', 'other'] as const;

/** Output of `nameStation`, reused between calls. */
export interface Named {
  name: string;
  operator: string | undefined;
}

/** Where the station is: city, district, road and (drivers' homes) the direction out of town. */
export interface Site {
  city: DemoCity;
  /** Index of the district in `city.districts`. */
  d: number;
  district: string;
  road: string;
  dir: number;
}

/** Writes a name and an operator for a station of type index `type` into `out`. */
export function nameStation(rng: Random, type: number, site: Site, out: Named): void {
  if (type === 0) unionName(rng, site, out);
  else if (type === 1) outdoorName(rng, site, out);
  else if (type === 2) driverName(rng, site, out);
  else otherName(rng, site, out);
}

function set(out: Named, name: string, operator: string | undefined): void {
  out.name = name;
  out.operator = operator;
}

function unionName(rng: Random, { city, d, road }: Site, out: Named): void {
  const c = city.name;
  const k = rng.int(0, 9);
  out.operator = k < 5 ? city.union : undefined;
  if (k < 6) out.name = `${city.cityDistricts[d]}${road}工会驿站`;
  else if (k === 6) set(out, `中国邮政${c}${road}营业所工会驿站`, '中国邮政');
  else if (k === 7) set(out, `中石化${c}${road}加油站易捷工会驿站`, '中石化易捷');
  else if (k === 8) set(out, `建设银行${c}${road}支行劳动者港湾`, '中国建设银行');
  else set(out, `工商银行${c}${city.shortDistricts[d]}支行工行驿站`, '中国工商银行');
}

function outdoorName(rng: Random, { city, d: di, district, road }: Site, out: Named): void {
  const c = city.name;
  const d = city.shortDistricts[di];
  const k = rng.int(0, 9);
  out.operator = k < 3 ? city.union : undefined;
  if (k < 4) out.name = `${city.cityDistricts[di]}户外劳动者服务站(${road})`;
  else if (k < 6) out.name = `${district}${road}户外劳动者服务站`;
  else if (k === 6) set(out, `${c}${d}环卫所${road}环卫工人休息站`, `${district}环卫所`);
  else if (k === 7) set(out, `美团骑手之家(${c}${d}${road}站)`, '美团');
  else if (k === 8) set(out, `顺丰速运${c}${d}${road}营业点爱心驿站`, '顺丰速运');
  else set(out, `中国邮政${c}${d}揽投部户外劳动者服务站`, '中国邮政');
}

function driverName(rng: Random, { city, d, dir }: Site, out: Named): void {
  const c = city.name;
  const code = rng.pick(city.highways);
  const road = `${code}${HIGHWAYS[code] ?? ''}`;
  const k = rng.int(0, 9);
  if (k < 5) set(out, `${c}司机之家(${road}${c}${DIRECTIONS[dir]})`, city.union);
  else if (k < 7) set(out, `${road}${c}服务区司机之家`, '中石化易捷');
  else if (k < 9) set(out, `${c}${city.shortDistricts[d]}物流园司机之家`, undefined);
  else set(out, `中国石油${c}${DIRECTIONS[dir]}收费站加油站司机之家`, '中国石油');
}

function otherName(rng: Random, { city, d, district, road }: Site, out: Named): void {
  const k = rng.int(0, 3);
  out.operator = undefined;
  if (k === 0) out.name = `${city.cityDistricts[d]}职工服务中心`;
  else if (k === 1) out.name = `${city.name}${road}暖心驿站`;
  else if (k === 2) out.name = `${district}新就业群体服务中心`;
  else out.name = `${city.name}${city.shortDistricts[d]}职工之家`;
}
