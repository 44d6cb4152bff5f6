/**
 * Member offers of demo merchants: percent off (5–30 %), member prices and coupons in yuan, free
 * items; validity windows around `now` (most current, some expired, some not yet started).
 */
import type { OfferKind, OfferStatus } from '../catalog';
import type { Offer } from '../schema';
import type { Stamps } from './dates';
import type { CategoryLook } from './merchant-table';
import { weightedTable, draw, type Random } from './random';

const KINDS = weightedTable<OfferKind>([['percent_off', 35], ['member_price', 25], ['free_item', 25], ['coupon', 15]]);
const STATUSES = weightedTable<OfferStatus>([['approved', 85], ['pending', 8], ['paused', 5], ['rejected', 2]]);
const PERCENTS = [5, 8, 10, 12, 15, 20, 25, 30];
const COUPONS = [5, 10, 20, 30, 50];
const TERMS = [
  '每人每天限用一次，不与店内其他优惠同享',
  '仅限本店使用，节假日通用',
  '需提前电话预约',
  '每位会员每月限用两次',
];
const REDEEM = ['出示工会会员卡', '出示工会会员卡', '出示工会会员卡', '出示工会会员卡或电子会员码'];

/** Chinese discount wording: 15 % off is 8.5折. */
function zhe(percentOff: number): string {
  return String((100 - percentOff) / 10);
}

/** Title, description and value for one offer kind, written into the record. */
function describe(rng: Random, kind: OfferKind, look: CategoryLook, o: Offer): void {
  if (kind === 'percent_off') {
    o.value = rng.pick(PERCENTS);
    o.title = `工会会员${zhe(o.value)}折`;
    o.description = `凭工会会员卡到店消费享${zhe(o.value)}折优惠`;
  } else if (kind === 'member_price') {
    const [item, lo, hi] = rng.pick(look.priced);
    o.value = rng.int(lo, hi);
    o.title = `${item}会员价${o.value}元`;
    o.description = `工会会员${item}仅需${o.value}元`;
  } else if (kind === 'coupon') {
    o.value = rng.pick(COUPONS);
    const min = o.value * rng.pick([5, 6, 10]);
    o.title = `满${min}减${o.value}元券`;
    o.description = `单笔消费满${min}元立减${o.value}元`;
  } else {
    o.title = rng.pick(look.free);
    o.description = `工会会员到店可享${o.title}`;
  }
}

/** Validity window: ≈ 75 % current (some open-ended), 13 % expired, 12 % not started yet. */
function window(rng: Random, stamps: Stamps, o: Offer): void {
  const x = rng.next();
  if (x < 0.75) {
    o.valid_from = stamps.date(-rng.int(0, 120));
    if (rng.chance(0.9)) o.valid_to = stamps.date(rng.int(30, 365));
  } else if (x < 0.88) {
    const end = -rng.int(1, 90);
    o.valid_from = stamps.date(end - rng.int(30, 180));
    o.valid_to = stamps.date(end);
  } else {
    const start = rng.int(1, 60);
    o.valid_from = stamps.date(start);
    o.valid_to = stamps.date(start + rng.int(30, 180));
  }
}

/** One to three offers for a merchant, ids `demo-o-<merchant>-<n>`. */
export function offersFor(rng: Random, merchantId: string, look: CategoryLook, stamps: Stamps): Offer[] {
  const n = rng.chance(0.5) ? 1 : rng.chance(0.6) ? 2 : 3;
  const out: Offer[] = [];
  for (let k = 1; k <= n; k++) {
    const kind = draw(rng, KINDS);
    const o: Offer = {
      id: `${merchantId.replace('demo-m-', 'demo-o-')}-${k}`,
      merchant_id: merchantId,
      title: '',
      kind,
      status: draw(rng, STATUSES),
      updated_at: stamps.recent(rng, 120),
    };
    describe(rng, kind, look, o);
    window(rng, stamps, o);
    o.terms = rng.pick(TERMS);
    o.redeem = rng.pick(REDEEM);
    if (o.status === 'rejected') o.reason = '优惠描述与实际不符，请修改后重新提交';
    out.push(o);
  }
  return out;
}
