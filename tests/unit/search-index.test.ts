import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../data/demo/generate';
import { Random } from '../../data/demo/random';
import { haversine } from '../../data/geo/haversine';
import { createNearestIndex } from '../../data/geo/nearest';
import { pinyinAt, pinyinIndex } from '../../data/pinyin';
import { installPinyinPro } from '../../data/pinyin-pro';
import { createListingCore } from '../../data/listing-core';
import { createSearchIndex, normalise, type SearchColumns } from '../../data/search-index';

installPinyinPro();

const demo = generateDemo({ stations: 3000, merchants: 0 }).stations;
const extra = [
  ['odd-1', '重庆银行驿站'], ['odd-2', '南京鼓楼区工会驿站'], ['odd-3', 'KFC 司机之家'], ['odd-4', '鼓楼'], ['odd-5', '长安街 8号 驿站'], ['odd-6', '鼓楼'],
  ['odd-7', '好好吃饭驿站'], ['odd-8', '石狮市政府工会'], ['odd-9', '天天向上户外劳动者服务站'],
];
const records = [...demo.map((s) => ({ id: s.id, name: s.name, lng: s.lng, lat: s.lat })), ...extra.map(([id, name], k) => ({ id, name, lng: 118.78 + k * 0.01, lat: 32.06 }))];
const cols: SearchColumns = { id: records.map((r) => r.id), name: records.map((r) => r.name), lng: records.map((r) => r.lng), lat: records.map((r) => r.lat) };
const nearest = createNearestIndex(records.map((r) => ({ lng: r.lng, lat: r.lat, all: 0, any: 0, is24h: false })));
const near = (lng: number, lat: number, limit: number, predicate: (i: number) => boolean) => nearestIndex().query({ lng, lat, limit, predicate });
const nearestIndex = () => nearest;

// other text (as merchants have: address, offers) for the records of the second run
const offerWords = ['8折', '会员优惠', '洗车 9折', 'KFC 套餐', '会员价', ''];
const texts = records.map((r, i) => (i % 3 === 0 ? '' : `${demo[i]?.address ?? '长安街 8号'} ${offerWords[i % offerWords.length]}`));
const withText: SearchColumns = { ...cols, text: texts };

/** Checking every record: the answer the index must give. */
function oracle(q: string, at: { lng: number; lat: number }, limit: number, other?: readonly string[]) {
  const words = q.toLowerCase().split(/[\s\u3000]+/).filter(Boolean), whole = words.join('');
  const latin = (w: string) => /^[a-z0-9]+$/.test(w);
  return records
    .map((r, i) => {
      const n = normalise(r.name), t = (other?.[i] ?? '').toLowerCase();
      const inName = (w: string) => n.includes(w) || (latin(w) && pinyinIndex(n, w) >= 0);
      const all = words.length > 0 && words.every(inName);
      const anywhere = words.length > 0 && words.every((w) => inName(w) || t.includes(w));
      const rank = r.id === q ? 0 : all ? (n.startsWith(whole) || (latin(whole) && pinyinAt(n, 0, whole)) ? 0 : 1) : anywhere ? 2 : -1;
      return { i, rank, distance: haversine(at.lng, at.lat, r.lng, r.lat) };
    })
    .filter((h) => h.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.distance - b.distance || a.i - b.i)
    .slice(0, limit);
}

const rnd = new Random(5);
const pick = <T>(a: readonly T[]) => a[Math.floor(rnd.next() * a.length)];
/** Queries people type: bits of names, in characters, pinyin or initials, one or two words. */
function queries(): string[] {
  const out = ['驿站', '司机之家', '鼓楼', '鼓楼 工会', '工会 鼓楼', 'gulou', 'gl', 'gongh', 'chongqing', 'zhongqing', 'kfc', 'KFC 司机', '8号', 'odd-3', 'demo-s-000042', '站', 'z', 'yizhan', 'yz', '不存在', 'xyzzy', '长安街8号'];
  for (let k = 0; k < 120; k++) {
    const name = normalise(pick(records).name), a = Math.floor(rnd.next() * name.length), b = Math.min(name.length, a + 1 + Math.floor(rnd.next() * 4));
    const part = name.slice(a, b);
    out.push(part, `${part} ${name.slice(0, 2)}`);
  }
  return out;
}

describe('normalise', () => {
  it('lower-cases and drops spaces, whatever the character (every UTF-16 code unit, alone and inside a name)', () => {
    const slow = (s: string) => s.toLowerCase().replace(/[\s\u3000]+/g, '');
    for (let c = 0; c < 65536; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `鼓楼${ch}驿站`, `a${ch}9`]) if (normalise(s) !== slow(s)) expect(normalise(s), `U+${c.toString(16)} in ${JSON.stringify(s)}`).toBe(slow(s));
    }
    expect(normalise('KFC 司机之家　南京')).toBe('kfc司机之家南京');
  });
});

/** Alternatives of several groups intersected whole before any scan. */
const always = { groupsOver: 0, afterNodes: 0 };

describe('createSearchIndex', () => {
  for (const direct of [4096, 20, 0]) {
    it(`equals checking every record (direct ≤ ${direct}: lists and walks, ${direct > 100 ? "by cost" : "always walking above it"})`, () => {
      // and with room kept for the grams of only a few distinct names: the others' found again;
      // and with every alternative of several groups intersected whole before the scan
      const index = createSearchIndex(cols, near, { direct, costed: direct > 100, ...(direct === 20 && { keptSlots: 500 }), ...(direct === 0 && { intersect: always }) });
      for (const q of queries()) {
        const at = pick([{ lng: 118.79, lat: 32.06 }, { lng: 116.4, lat: 39.9 }, { lng: 104, lat: 30.6 }]);
        const got = index.query(q, at, 30), want = oracle(q, at, 30);
        expect(got.map((h) => [h.i, h.rank]), q).toEqual(want.map((h) => [h.i, h.rank]));
        got.forEach((h, k) => expect(h.distance).toBeCloseTo(want[k].distance, 3));
      }
    });
  }

  it('equals checking every record for pinyin of every kind (one syllable, begun, several spellings, mixed words), listed and scanned', () => {
    const spelt = ['zhong', 'zhongs', 'zhengshang', 'jishi', 'shi', 'lu', 'gonghuiyizhan', 'gonghuiyiz', 'ghyz', 'sjzj', 'wailao', 'huwai', 'xi', 'beijingdx',
      'nanjinggulou', 'zhongguoyouzheng', 'zgyz', 'zhongguoyz', 'siji', 'sijizhijia', 'wuluq', 'gulou gonghui', '鼓楼 gh', 'nj 工会', 'yizhan 8', 'kfc sj',
      // the last character begun by more than its initial
      'zhongsh', 'gonghuiyizh', 'sijizhij', 'huwail', 'laodongzh', 'gongyezhan', 'jiangs', 'jiangsh', 'xiangzh', 'ghyzh', 'hwldzh', 'sjzhi', 'njgul',
      // a reading more than once
      'haohaochifan', 'haohaoc', 'haohchif', 'shishishizhengfu', 'shishishi', 'ssszf', 'tiantianxiangshang', 'tiantianx', 'haohao'];
    for (const direct of [4096, 0]) {
      const index = createSearchIndex(cols, near, { direct, costed: direct > 100, intersect: direct === 0 ? always : undefined });
      for (const q of spelt) {
        for (const at of [{ lng: 118.79, lat: 32.06 }, { lng: 87.6, lat: 43.8 }]) {
          expect(index.query(q, at, 30).map((h) => [h.i, h.rank]), `${q} (direct ${direct})`).toEqual(oracle(q, at, 30).map((h) => [h.i, h.rank]));
        }
      }
    }
  });

  it('with other text (address, offers): ranks its matches after the names\', equal to checking every record', () => {
    for (const direct of [4096, 0]) {
      const index = createSearchIndex(withText, near, { direct, costed: direct > 100, ...(direct === 0 && { keptSlots: 500, intersect: always }) });
      for (const q of [...queries(), '8折', '优惠', '会员', '洗车 9折', '驿站 8折', 'kfc 套餐', '9折 鼓楼']) {
        const at = pick([{ lng: 118.79, lat: 32.06 }, { lng: 116.4, lat: 39.9 }]);
        const got = index.query(q, at, 30), want = oracle(q, at, 30, texts);
        expect(got.map((h) => [h.i, h.rank]), `${q} (direct ${direct})`).toEqual(want.map((h) => [h.i, h.rank]));
      }
    }
    const ids = createSearchIndex(withText, near).query('洗车 9折', { lng: 118.79, lat: 32.06 }, 50).map((h) => h.rank);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((r) => r === 2)).toBe(true);
  });

  it('finds by pinyin, initials, polyphones and all words of a query', () => {
    const index = createSearchIndex(cols, near);
    const ids = (q: string) => index.query(q, { lng: 118.79, lat: 32.06 }, 50).map((h) => records[h.i].id);
    expect(ids('chongqing')).toContain('odd-1'); // 重 read chong
    expect(ids('gulou')).toEqual(expect.arrayContaining(['odd-2', 'odd-4', 'odd-6']));
    expect(ids('nj gl')).toContain('odd-2');
    expect(ids('鼓楼 工会')).toContain('odd-2');
    expect(ids('鼓楼 工会')).not.toContain('odd-4');
    expect(ids('kfc')).toContain('odd-3');
    expect(ids('鼓楼').slice(0, 2).sort()).toEqual(['odd-4', 'odd-6']); // name starts with it: first, nearer first
  });
});

describe('update (records patched in place)', () => {
  it('finds a renamed record by its new name, not its old one, and equals a fresh index', () => {
    const names = [...(cols.name as string[])];
    const patched: SearchColumns = { ...cols, name: names };
    const index = createSearchIndex(patched, near, { direct: 4096 });
    const at = { lng: 118.79, lat: 32.06 };
    const renamedTo = [['odd-4', '苏州观前街驿站'], ['odd-1', '重庆路工会'], [records[7].id, 'Zebra 司机之家']] as const;
    const changed = renamedTo.map(([id, name]) => {
      const i = records.findIndex((r) => r.id === id);
      names[i] = name;
      return i;
    });
    index.update(changed);
    const fresh = createSearchIndex(patched, near, { direct: 4096 });
    for (const q of ['观前', 'guanqian', 'szgq', '苏州 驿站', '重庆路', 'chongqinglu', 'zebra', 'Zebra 司机', '鼓楼', 'gulou', '重庆银行', '驿站', 'sjzj']) {
      expect(index.query(q, at, 30), q).toEqual(fresh.query(q, at, 30));
    }
    const ids = (q: string) => index.query(q, at, 50).map((h) => records[h.i].id);
    expect(ids('观前')).toContain('odd-4');
    expect(ids('重庆银行')).not.toContain('odd-1');
  });
});

describe('a listing built in slices (prepareSearch)', () => {
  const n = records.length;
  const columns = () => ({
    id: [...(cols.id as string[])], name: [...(cols.name as string[])], lng: Float64Array.from(cols.lng as number[]), lat: Float64Array.from(cols.lat as number[]),
    all: new Uint32Array(n), any: new Uint32Array(n), status: new Array<string>(n).fill('open'), hours: new Array<string | null>(n).fill(null), tz: new Array<string | null>(n).fill(null),
  });

  it('answers as a fresh build when records are renamed before, during and after the build', () => {
    const sliced = createListingCore(columns(), 'stations');
    const rename = (i: number, name: string) => sliced.patch([{ i, values: { name, all: 0, any: 0, status: 'open', hours: null, tz: null } }]);
    rename(3, '苏州观前街工会驿站'); // before the build
    expect(sliced.prepareSearch(1)).toBe(false); // a national index takes many slices; this one more than one
    rename(n - 1, '拙政园司机之家'); // the build has not read it yet
    while (!sliced.prepareSearch(1)) rename(5, `虎丘驿站${Math.random()}`.slice(0, 6)); // while it runs
    rename(1, '平江路驿站'); // after
    const fresh = createListingCore(sliced.cols, 'stations');
    const at = { lng: 120.6, lat: 31.3 };
    for (const q of ['观前', 'guanqian', '拙政园', 'zzy', '虎丘', 'huqiu', '平江路', 'pjl', '驿站', sliced.cols.name[0].slice(0, 3)]) {
      expect(sliced.search(q, at, 30), q).toEqual(fresh.search(q, at, 30));
    }
    expect(sliced.search('拙政园', at, 5).map((h) => h.i)).toEqual([n - 1]);
  });

  it('in smaller slices when asked (the offline copy on a phone): more of them, the same answers', () => {
    const built = (searchSlice?: number) => {
      const core = createListingCore(columns(), 'stations', { searchSlice });
      let slices = 1;
      while (!core.prepareSearch(1)) slices++;
      return { core, slices };
    };
    const server = built(undefined), phone = built(64);
    expect(phone.slices).toBeGreaterThan(4 * server.slices);
    for (const at of [{ lng: 118.79, lat: 32.06 }, { lng: 116.4, lat: 39.9 }]) {
      // (not queries(): its random draws would change the later tests')
      for (const q of ['驿站', 'yizhan', 'ghyz', '工会驿站', 'gonghui', '司机之家', 'sjzj', '户外', 'huwai', '鼓楼 工会', cols.name[7].slice(0, 3), 'odd-2']) {
        expect(phone.core.search(q, at, 30), q).toEqual(server.core.search(q, at, 30));
      }
    }
  });
});

describe('update of other text', () => {
  it('finds a record by text given after the build, not by text taken away', () => {
    const text = [...texts];
    const cols2: SearchColumns = { ...withText, text };
    const index = createSearchIndex(cols2, near);
    const at = { lng: 118.79, lat: 32.06 };
    const i = records.findIndex((r) => r.id === 'odd-3'), j = texts.findIndex((t) => t.includes('洗车'));
    text[i] = '新店开业 洗车 7折';
    text[j] = '';
    index.update([i, j]);
    expect(index.query('7折', at, 10).map((h) => h.i)).toEqual([i]);
    expect(index.query('洗车 7折', at, 10).map((h) => h.i)).toEqual([i]);
    expect(index.query('洗车', at, 100).map((h) => h.i)).not.toContain(j);
    expect(index.query('洗车', at, 30)).toEqual(createSearchIndex(cols2, near).query('洗车', at, 30));
  });
});

describe('carried to a listing with records moved (ListingCore.carrySearch)', () => {
  const n = records.length;
  const columns = () => ({
    id: [...(cols.id as string[])], name: [...(cols.name as string[])], lng: Float64Array.from(cols.lng as number[]), lat: Float64Array.from(cols.lat as number[]),
    all: new Uint32Array(n), any: new Uint32Array(n), status: new Array<string>(n).fill('open'), hours: new Array<string | null>(n).fill(null), tz: new Array<string | null>(n).fill(null),
  });
  type Columns = ReturnType<typeof columns>;
  const copy = (c: Columns): Columns => ({ ...c, id: [...c.id], name: [...c.name], lng: c.lng.slice(), lat: c.lat.slice() });
  const places = [{ lng: 118.79, lat: 32.06 }, { lng: 116.4, lat: 39.9 }, { lng: 87.6, lat: 43.8 }, { lng: 113.3, lat: 23.1 }];

  it('answers as an index built afresh from the moved columns, move after move', () => {
    let before = createListingCore(columns(), 'stations');
    expect(before.prepareSearch(Infinity)).toBe(true);
    const asked = [...queries().slice(0, 60), '搬迁', 'banqian', 'bq', '驿站', 'yizhan', 'odd-2'];
    for (let round = 0; round < 3; round++) {
      const c = copy(before.cols as Columns);
      // stations named as many are (驿站) taken across the country, a few of them renamed, and one renamed only
      const moved = [...new Set(Array.from({ length: 15 }, () => Math.floor(rnd.next() * n)))];
      for (const i of moved) {
        const p = pick(places);
        [c.lng[i], c.lat[i]] = [p.lng + rnd.next() * 0.02, p.lat + rnd.next() * 0.02];
      }
      const renamed = [...moved.slice(0, 3), (round * 7 + 11) % n];
      for (const i of renamed) c.name[i] = `搬迁驿站${round}${i}号`; // 号: no name is another's beginning (…2 25 号, …2 2528 号)
      const after = createListingCore(c, 'stations');
      expect(after.carrySearch(before, moved, [...new Set([...moved, ...renamed])])).toBe(true);
      const fresh = createListingCore(c, 'stations');
      for (const q of asked) for (const at of places) expect(after.search(q, at, 20), `${q} @${at.lng}`).toEqual(fresh.search(q, at, 20));
      expect(after.search(`搬迁驿站${round}${renamed[3]}号`, places[0], 5).map((h) => h.i)).toEqual([renamed[3]]);
      before = after;
    }
  });

  it('is not carried past its limit of moves, nor from a listing that never built one', () => {
    const built = createListingCore(columns(), 'stations');
    expect(createListingCore(columns(), 'stations').carrySearch(createListingCore(columns(), 'stations'), [1], [1])).toBe(false);
    built.prepareSearch(Infinity);
    const many = Array.from({ length: 300 }, (_, k) => k);
    expect(createListingCore(columns(), 'stations').carrySearch(built, many, many)).toBe(false);
  });
});
