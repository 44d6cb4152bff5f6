/** Words of the membership admin screen (zh-CN, en): its own small catalogue beside the app's. */
import type { Locale } from '../i18n';

const zh = {
  title: '入会申请与会员卡',
  pending: '待审核', approved: '已通过', rejected: '未通过',
  empty: '没有这类申请。',
  submitted: '提交于 {time}',
  phone: '手机号', employer: '工作单位', occupation: '职业', region: '地区', union: '申请工会', account: '账号',
  approve: '通过', reject: '不通过', reason: '原因（不通过时必填，申请人会看到）',
  approved_ok: '已通过：{name} 成为会员', rejected_ok: '已拒绝：{name}',
  revokeTitle: '吊销会员卡',
  revokeIntro: '手机丢失或退会时吊销。核验方下次同步后就会知道。',
  cardNumber: '卡号（16 位）', revokeReason: '原因', endMembership: '同时结束会籍（不再发新卡）',
  revoke: '吊销', revoked_ok: '已吊销卡 {id}',
  privacy: '申请中的手机号和工作单位是个人信息，仅用于审核。',
  occ_food_delivery: '外卖骑手', occ_courier: '快递员', occ_ride_hailing: '网约车司机', occ_truck_driver: '货车司机',
  occ_sanitation: '环卫工人', occ_domestic_service: '家政服务', occ_other: '其他',
  benefitsTitle: '工会福利',
  benefitsIntro: '发给会员的福利（如“夏送清凉：合作商户免费饮品一份”）。会员在会员卡页看到，在合作商户出示会员卡使用，每人限用一次。',
  benefitTitle: '福利名称', benefitDescription: '说明（可选）', validFrom: '开始日期', validTo: '结束日期',
  benefitFor: '发给', everyone: '全体会员', benefitRegion: '仅限地区（可选，如“江苏省 南京市”）',
  issue: '发放', issued_ok: '已发放：{title}', benefitsNone: '还没有发放过福利。',
  benefitRange: '{from} 至 {to}', benefitAll: '全体会员',
};
export type MembersKey = keyof typeof zh;
const en: Record<MembersKey, string> = {
  title: 'Membership applications and cards',
  pending: 'Pending', approved: 'Approved', rejected: 'Rejected',
  empty: 'No applications of this kind.',
  submitted: 'Sent {time}',
  phone: 'Mobile', employer: 'Employer', occupation: 'Occupation', region: 'Region', union: 'Union asked for', account: 'Account',
  approve: 'Approve', reject: 'Reject', reason: 'Reason (required to reject; the applicant reads it)',
  approved_ok: 'Approved: {name} is a member', rejected_ok: 'Rejected: {name}',
  revokeTitle: 'Revoke a member card',
  revokeIntro: 'For a lost phone or someone who left the union. Verifiers learn it on their next sync.',
  cardNumber: 'Card number (16 digits)', revokeReason: 'Reason', endMembership: 'Also end the membership (no new card)',
  revoke: 'Revoke', revoked_ok: 'Card {id} revoked',
  privacy: 'Phone numbers and employers are personal information, used for this review only.',
  occ_food_delivery: 'Food delivery', occ_courier: 'Courier', occ_ride_hailing: 'Ride-hailing', occ_truck_driver: 'Truck driver',
  occ_sanitation: 'Sanitation', occ_domestic_service: 'Domestic service', occ_other: 'Other',
  benefitsTitle: 'Union benefits',
  benefitsIntro: 'Benefits for members (e.g. “Summer cool: one free drink at any partner shop”). Members see them with their card and use them by showing it at a partner shop, once each.',
  benefitTitle: 'Benefit', benefitDescription: 'Details (optional)', validFrom: 'From', validTo: 'Until',
  benefitFor: 'For', everyone: 'All members', benefitRegion: 'Only this region (optional, e.g. “江苏省 南京市”)',
  issue: 'Issue', issued_ok: 'Issued: {title}', benefitsNone: 'No benefits issued yet.',
  benefitRange: '{from} to {to}', benefitAll: 'All members',
};

/** The screen's translate function for a locale. */
export function membersT(locale: Locale) {
  const m = locale === 'en' ? en : zh;
  return (key: MembersKey, params: Record<string, string> = {}) => m[key].replace(/\{(\w+)\}/g, (all, k: string) => params[k] ?? all);
}
