/**
 * What demo merchants look like per category: share of all merchants, name templates
 * ({c} city, {d} district, {r} road, {s} surname), typical opening hours, and the free items and
 * member-price items their offers use.
 */
import type { MerchantCategory } from '../catalog';

/** One category's look. */
export interface CategoryLook {
  key: MerchantCategory;
  weight: number;
  names: readonly string[];
  hours: readonly string[];
  free: readonly string[];
  /** Member-price items: [item, lowest yuan, highest yuan]. */
  priced: readonly (readonly [string, number, number])[];
  /** Serves the road (tyres, repair, fuel): placed towards the edge of town more often. */
  roadside: boolean;
}

/** The category table, catalogue order. */
export const CATEGORY_LOOKS: readonly CategoryLook[] = [
  {
    key: 'auto_parts', weight: 6, roadside: true,
    names: ['{s}记汽配', '{c}{r}汽配城', '{s}氏汽车配件商行', '众鑫汽配({d}店)'],
    hours: ['Mo-Su 08:00-18:00', 'Mo-Sa 08:30-18:30'],
    free: ['免费检测', '免费安装雨刮片'],
    priced: [['雨刮片一对', 29, 69], ['蓄电池', 280, 560]],
  },
  {
    key: 'tires', weight: 8, roadside: true,
    names: ['中策轮胎({c}{d}店)', '玲珑轮胎({c}{d}店)', '米其林驰加({c}{r}店)', '三角轮胎{c}{d}服务中心', '{s}师傅轮胎店'],
    hours: ['Mo-Su 08:00-18:00', 'Mo-Su 07:30-19:00', '24/7'],
    free: ['免费补胎', '免费充气', '免费轮胎安全检测'],
    priced: [['四轮定位', 58, 128], ['动平衡', 20, 60]],
  },
  {
    key: 'lubricants', weight: 3, roadside: true,
    names: ['长城润滑油({c}{d}经销部)', '昆仑润滑油{d}服务站', '壳牌喜力换油中心({r}店)', '美孚1号车养护({c}{d}店)'],
    hours: ['Mo-Su 08:30-18:00', 'Mo-Sa 08:00-18:00'],
    free: ['免费检测机油', '免费更换机滤工时'],
    priced: [['全合成机油4L', 168, 358]],
  },
  {
    key: 'vehicle_repair', weight: 10, roadside: true,
    names: ['{s}师傅汽修', '{s}师傅货车维修', '途虎养车工场店({c}{d}店)', '{r}重卡维修中心', '{c}{d}快修快保'],
    hours: ['Mo-Su 08:00-18:00', 'Mo-Su 08:00-20:00', '24/7'],
    free: ['免费检测', '免费安全检查', '免费加注玻璃水'],
    priced: [['小保养', 99, 299], ['货车保养套餐', 399, 899]],
  },
  {
    key: 'fuel', weight: 6, roadside: true,
    names: ['中国石化{c}{r}加油站', '中国石油{c}{d}{r}加油站', '中化石油{r}加油站', '壳牌{r}加油站'],
    hours: ['24/7', '24/7', '06:00-22:00'],
    free: ['赠送矿泉水', '免费洗车', '免费加注玻璃水'],
    priced: [['精洗车', 15, 30]],
  },
  {
    key: 'food', weight: 20, roadside: false,
    names: ['{s}记兰州牛肉拉面', '沙县小吃({r}店)', '{s}家面馆', '老乡鸡({c}{d}店)', '{r}司机餐厅', '{s}姐快餐', '{s}记早餐铺'],
    hours: ['Mo-Su 06:00-14:00', 'Mo-Su 10:00-22:00', 'Mo-Su 06:30-21:00', 'Mo-Su 10:30-14:00,16:30-21:30'],
    free: ['赠送矿泉水', '免费加饭', '免费热水', '赠送例汤'],
    priced: [['司机工作餐', 12, 25], ['牛肉面', 10, 18]],
  },
  {
    key: 'grocery', weight: 12, roadside: false,
    names: ['美宜佳({r}店)', '{s}家便利店', '{r}惠民超市', '易捷便利店({r}店)', '永辉超市({c}{d}店)'],
    hours: ['24/7', 'Mo-Su 07:00-23:00', 'Mo-Su 08:00-22:00'],
    free: ['赠送矿泉水', '免费热水'],
    priced: [['矿泉水一箱', 18, 28]],
  },
  {
    key: 'pharmacy', weight: 10, roadside: false,
    names: ['老百姓大药房({r}店)', '益丰大药房({d}{r}店)', '大参林({r}店)', '一心堂({r}店)', '{c}{d}惠民大药房'],
    hours: ['Mo-Su 08:00-22:00', '24/7', 'Mo-Su 07:30-21:30'],
    free: ['免费测血压', '免费测血糖'],
    priced: [['电子血压计', 99, 199], ['防暑降温套装', 19, 39]],
  },
  {
    key: 'clinic', weight: 5, roadside: false,
    names: ['{d}{r}社区卫生服务站', '{s}氏中医诊所', '{c}康宁口腔门诊({d}店)'],
    hours: ['Mo-Sa 08:00-17:30', 'Mo-Su 08:00-12:00,14:00-17:30', 'Mo-Fr 08:00-17:00; Sa 08:00-12:00'],
    free: ['免费测血压', '免费义诊'],
    priced: [['中医理疗', 39, 99], ['洗牙', 68, 128]],
  },
  {
    key: 'childcare', weight: 3, roadside: false,
    names: ['{d}小天使托育中心', '{r}职工子女托管班', '贝贝乐托育({d}店)'],
    hours: ['Mo-Fr 07:30-18:00', 'Mo-Fr 07:00-18:30; Sa 08:00-12:00'],
    free: ['免费体验半天托管'],
    priced: [['暑期托管每周', 300, 600]],
  },
  {
    key: 'recreation', weight: 5, roadside: false,
    names: ['{c}{d}工人文化宫', '{r}全民健身馆', '万达影城({c}{d}店)', '{r}洗浴中心', '{c}职工游泳馆'],
    hours: ['Mo-Su 10:00-22:00', 'Mo-Su 09:00-21:00', '24/7'],
    free: ['免费体验一次', '赠送饮品'],
    priced: [['观影票', 19, 35], ['游泳单次票', 15, 30], ['健身月卡', 99, 199]],
  },
  {
    key: 'household_services', weight: 5, roadside: false,
    names: ['{c}好帮手家政', '{s}师傅开锁换锁', '{d}便民维修服务部', '{r}干洗店'],
    hours: ['Mo-Su 08:00-20:00', 'Mo-Su 08:30-18:30'],
    free: ['免费上门评估', '免费清洗一件外套'],
    priced: [['家政保洁每小时', 35, 60], ['开锁', 50, 100]],
  },
  {
    key: 'other', weight: 5, roadside: false,
    names: ['{r}理发店', '{s}师傅修鞋配钥匙', '{c}{d}手机维修', '{r}打印复印店'],
    hours: ['Mo-Su 09:00-21:00', 'Mo-Sa 08:00-19:00'],
    free: ['免费打气', '赠送矿泉水', '免费贴膜'],
    priced: [['理发', 10, 25], ['手机换电池', 59, 129]],
  },
];

/** Common surnames for 张师傅汽修 and friends. */
export const SURNAMES: readonly string[] = '张王李刘陈杨赵黄周吴徐孙马胡朱郭何罗高林'.split('');
