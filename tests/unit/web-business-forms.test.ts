// The business app's form logic: drafts → API bodies (create, minimal PATCH with null to clear),
// client-side checks, and the "this change waits for review" prediction (data/moderation.ts rules).
import { describe, expect, it } from 'vitest';
import type { MerchantView, OfferView } from '../../web/business/lib/api';
import { applied, coordinate, patchOf, placeIssues, serverIssues } from '../../web/business/lib/drafts';
import { offerCreateBody, offerDraft, offerIssues, offerPatchBody, offerReviewNote } from '../../web/business/lib/offer-form';
import { shopCreateBody, shopDraft, shopIssues, shopPatchBody, shopReviewNote } from '../../web/business/lib/shop-form';
import { stationCreateBody, stationDraft, stationIssues, stationPatchBody, statusActions } from '../../web/business/lib/station-form';

const AT = '2026-11-23T08:00:00.000Z';
const shop = (o: Partial<MerchantView> = {}): MerchantView => ({
  id: 'm_1', name: '老王轮胎', category: 'tires', lat: 32.06, lng: 118.79, phone: '025-1', status: 'approved', updated_at: AT, live: true, offers: [], ...o,
});
const offer = (o: Partial<OfferView> = {}): OfferView => ({
  id: 'o_1', merchant_id: 'm_1', title: '会员九折', kind: 'percent_off', value: 10, status: 'approved', updated_at: AT, live: true, ...o,
});

describe('drafts', () => {
  it('reads coordinates as people type them, rounded like the server stores them', () => {
    expect(coordinate(' 32.0603 ')).toBe(32.0603);
    expect(coordinate('118,7969')).toBe(118.7969);
    expect(coordinate('32.12345678')).toBe(32.123457);
    for (const bad of ['', 'abc', '32.1.2', '1e3']) expect(coordinate(bad)).toBeUndefined();
  });

  it('checks names and positions', () => {
    expect(placeIssues({ name: ' ', lat: '', lng: 'x' })).toMatchObject({ name: 'required', lat: 'required', lng: 'number' });
    expect(placeIssues({ name: 'a', lat: '91', lng: '-181' })).toMatchObject({ lat: 'latRange', lng: 'lngRange' });
    expect(placeIssues({ name: 'x'.repeat(121), lat: '1', lng: '1' })).toEqual({ name: 'tooLong' });
  });

  it('a PATCH carries only changes; an emptied field is null (the API clears it)', () => {
    expect(patchOf({ a: 'x', b: 'y', c: [1] }, { a: 'x', b: undefined, c: [1, 2] }, ['a', 'b', 'c'])).toEqual({ b: null, c: [1, 2] });
    expect(applied({ a: 1, b: 2 }, { a: null, b: 3 })).toEqual({ b: 3 });
  });

  it('maps the server’s invalid_params onto fields, keeping the rest as sentences', () => {
    const r = serverIssues([{ name: 'opening_hours', reason: 'opening_hours is not valid' }, { name: 'status', reason: 'not allowed' }], ['opening_hours']);
    expect(r).toEqual({ issues: { opening_hours: 'opening_hours is not valid' }, other: ['status: not allowed'] });
  });
});

describe('shop form', () => {
  it('a new shop: trimmed text, numbers for the position, nothing empty', () => {
    const d = { ...shopDraft(), name: ' 老王轮胎 ', category: 'tires', lat: '32.06', lng: '118.79', phone: ' ', opening_hours: 'Mo-Fr 08:00-18:00' };
    expect(shopIssues(d)).toEqual({});
    expect(shopCreateBody(d)).toEqual({ name: '老王轮胎', category: 'tires', lat: 32.06, lng: 118.79, opening_hours: 'Mo-Fr 08:00-18:00' });
    expect(shopIssues({ ...d, category: '' })).toEqual({ category: 'required' });
  });

  it('an edit sends only what changed, and says when it goes back to review', () => {
    const m = shop();
    const same = shopDraft(m);
    expect(shopPatchBody(m, same)).toEqual({});
    expect(shopReviewNote(m, {})).toBe('none');
    const phone = shopPatchBody(m, { ...same, phone: '', opening_hours: '24/7' });
    expect(phone).toEqual({ phone: null, opening_hours: '24/7' });
    expect(shopReviewNote(m, phone)).toBe('none'); // phone and hours stay live
    const renamed = shopPatchBody(m, { ...same, name: '老王轮胎（新店）' });
    expect(shopReviewNote(m, renamed)).toBe('review');
    expect(shopReviewNote(m, shopPatchBody(m, { ...same, lat: '32.07' }))).toBe('review');
    expect(shopReviewNote(shop({ status: 'rejected' }), renamed)).toBe('resubmit');
    expect(shopReviewNote(shop({ status: 'pending' }), renamed)).toBe('none'); // already waiting
    expect(shopReviewNote(shop({ status: 'suspended' }), renamed)).toBe('suspended');
  });
});

describe('offer form', () => {
  it('the value must fit the kind', () => {
    const d = offerDraft();
    expect(d.kind).toBe('percent_off');
    expect(offerIssues({ ...d, title: '九折', value: '' })).toEqual({ value: 'required' });
    // a discount is entered in 折: 0.1–9.9 (10 折 is no discount, 0 折 would be free)
    expect(offerIssues({ ...d, title: '九折', value: '150' })).toEqual({ value: 'zhe' });
    expect(offerIssues({ ...d, title: '九折', value: '10' })).toEqual({ value: 'zhe' });
    expect(offerIssues({ ...d, title: '免费', value: '0' })).toEqual({ value: 'zhe' });
    expect(offerIssues({ ...d, title: '九折', value: '9' })).toEqual({});
    expect(offerIssues({ ...d, title: 'x', kind: 'member_price', value: '0' })).toEqual({ value: 'positive' });
    expect(offerIssues({ ...d, title: 'x', kind: 'coupon', value: 'abc' })).toEqual({ value: 'number' });
    expect(offerIssues({ ...d, title: 'x', kind: 'free_item', value: '5' })).toEqual({}); // the value is dropped
    expect(offerIssues({ ...d, title: '', value: '9', valid_from: '2026-12-31', valid_to: '2026-12-01' })).toEqual({ title: 'required', valid_to: 'dateOrder' });
  });

  it('折 in the form, percent off in the API: 8.5 折 is 15 % off, and back', () => {
    const d = { ...offerDraft(), title: '八五折', value: '8.5' };
    expect(offerCreateBody(d)).toMatchObject({ kind: 'percent_off', value: 15 });
    expect(offerCreateBody({ ...d, value: '9.2' })).toMatchObject({ value: 8 });
    expect(offerDraft(offer({ value: 10 })).value).toBe('9');
    expect(offerDraft(offer({ value: 15 })).value).toBe('8.5');
  });

  it('bodies: a free item sends no value, and switching to it clears the old one', () => {
    const d = { ...offerDraft(), title: '送洗车', kind: 'free_item', value: '5', redeem: '出示会员卡' };
    expect(offerCreateBody(d)).toEqual({ title: '送洗车', kind: 'free_item', redeem: '出示会员卡' });
    const o = offer();
    expect(offerPatchBody(o, { ...offerDraft(o), kind: 'free_item' })).toEqual({ kind: 'free_item', value: null });
    expect(offerPatchBody(o, offerDraft(o))).toEqual({});
  });

  it('any change to an approved offer waits for review; a rejected one is resubmitted', () => {
    const o = offer();
    const p = offerPatchBody(o, { ...offerDraft(o), terms: '周末除外' });
    expect(offerReviewNote(o, p)).toBe('review');
    expect(offerReviewNote(offer({ status: 'rejected', reason: '不清楚' }), p)).toBe('resubmit');
    expect(offerReviewNote(offer({ status: 'paused' }), p)).toBe('none'); // stays paused
    expect(offerReviewNote(o, {})).toBe('none');
  });
});

describe('station form', () => {
  it('a new station is open; an id is optional but must be a valid id', () => {
    const d = stationDraft();
    d.fields = { ...d.fields, name: '鼓楼驿站', lat: '32.06', lng: '118.79' };
    d.amenities = ['toilet', 'drinking_water'];
    expect(stationIssues(d)).toEqual({});
    expect(stationCreateBody(d)).toEqual({ name: '鼓楼驿站', type: 'union_station', lat: 32.06, lng: 118.79, amenities: ['drinking_water', 'toilet'], status: 'open' });
    expect(stationIssues({ ...d, id: 'a b' })).toEqual({ id: 'idFormat' });
  });

  it('an edit sends only changes (amenities in any order compare equal); status actions fit the status', () => {
    const s = { id: 's1', name: '鼓楼驿站', type: 'union_station' as const, lat: 32.06, lng: 118.79, amenities: ['toilet' as const, 'drinking_water' as const], status: 'open' as const, updated_at: AT };
    const d = stationDraft(s);
    expect(stationPatchBody(s, d)).toEqual({});
    d.amenities = ['wifi'];
    d.fields.operator = '鼓楼区总工会';
    expect(stationPatchBody(s, d)).toEqual({ operator: '鼓楼区总工会', amenities: ['wifi'] });
    expect(statusActions('open')).toEqual(['temporarily_closed', 'closed']);
    expect(statusActions('temporarily_closed')).toEqual(['open', 'closed']);
    expect(statusActions('closed')).toEqual(['open']);
  });
});

describe('typed coordinates in another system', () => {
  it('GCJ-02 / BD-09 as typed become WGS-84 (the same conversion as imports); WGS-84 and bad input stay as typed', async () => {
    const { draftInWgs84 } = await import('../../web/business/lib/drafts');
    const { toWgs84 } = await import('../../data/crs');
    const typed = { name: '店', lat: '32.0615', lng: '118.7982' };
    const [x, y] = toWgs84([118.7982, 32.0615], 'gcj02');
    expect(draftInWgs84(typed, 'gcj02')).toEqual({ name: '店', lat: y.toFixed(6), lng: x.toFixed(6) });
    expect(Math.abs(Number(draftInWgs84(typed, 'bd09').lng) - 118.7982)).toBeGreaterThan(0.005); // Baidu is further off
    expect(draftInWgs84(typed, 'wgs84')).toBe(typed);
    for (const bad of [{ lat: '', lng: '118' }, { lat: '132.05', lng: '118' }, { lat: 'abc', lng: '118' }]) {
      expect(draftInWgs84(bad, 'gcj02')).toBe(bad);
    }
  });
});
