/**
 * Messages about what stations offer (notices), their freshness and working state (zh-CN),
 * spread into zh.ts; service-en.ts has the same keys in English.
 */
export const serviceZh = {
  detailNotices: '近期活动与服务',
  noticeContact: '联系方式：{value}',
  noticeLink: '详情链接',
  noticeThis: '本{day}',
  noticeNext: '下{day}',
  noticeUntil: '截至{when}',
  noticeFrom: '{when}起',
  amenityUnavailable: '暂不可用',
  freshOperator: '{ago}由驿站核实',
  freshAdmin: '{ago}由工会核实',
  freshVisitors: '{n} 位访客确认属实，最近一次在{ago}',
  freshConfirmed: '近 30 天 {n} 位访客确认属实',
  freshImported: '导入于 {date}，此后未核实',
  freshVerified: '信息核实于 {when}',
  freshOutdated: '信息可能已过时',
  filterJobs: '有招聘',
  filterLegalAid: '法律咨询',
  filterRelief: '送温暖',
};
