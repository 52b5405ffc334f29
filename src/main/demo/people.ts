import { parseResidentId } from '../../shared/rules';
import type { Random } from './random';

/*
 * People of a county in Shandong, as the demo desk records them: names with the surnames' real
 * frequencies (roughly), resident ID numbers that pass GB 11643 (region, birth date, sex digit, check
 * character), mobile numbers, addresses in the county's streets and villages, occupations. All invented.
 */

const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 75],
  ['李', 74],
  ['张', 70],
  ['刘', 55],
  ['陈', 45],
  ['杨', 32],
  ['赵', 25],
  ['黄', 20],
  ['周', 18],
  ['吴', 16],
  ['徐', 15],
  ['孙', 18],
  ['胡', 12],
  ['朱', 12],
  ['高', 14],
  ['林', 8],
  ['何', 8],
  ['郭', 11],
  ['马', 12],
  ['罗', 6],
  ['梁', 7],
  ['宋', 8],
  ['郑', 7],
  ['谢', 5],
  ['韩', 8],
  ['唐', 5],
  ['冯', 6],
  ['于', 8],
  ['董', 7],
  ['萧', 2],
  ['程', 5],
  ['曹', 6],
  ['袁', 4],
  ['邓', 4],
  ['许', 5],
  ['傅', 3],
  ['沈', 3],
  ['曾', 3],
  ['彭', 3],
  ['吕', 5],
  ['苏', 4],
  ['卢', 4],
  ['蒋', 3],
  ['蔡', 3],
  ['贾', 4],
  ['丁', 4],
  ['魏', 4],
  ['薛', 3],
  ['叶', 2],
  ['阎', 2],
  ['孟', 4],
  ['房', 2],
  ['亓', 2],
  ['焦', 2],
  ['牛', 2],
  ['翟', 2],
];

const GIVEN_MALE = [...'伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳峰建国志文博亮'];
const GIVEN_FEMALE = [...'芳娜敏静丽艳娟霞秀英玲燕琳婷雪梅慧颖晶莉萍红倩洁欣悦佳琪璐瑶丹璇'];

export function surname(r: Random): string {
  return r.weighted(SURNAMES);
}

/** A Chinese name: surname and one or two given characters (two in about six of ten). */
export function personName(r: Random, sex: 'male' | 'female'): string {
  const pool = sex === 'male' ? GIVEN_MALE : GIVEN_FEMALE;
  const given = r.chance(0.6) ? `${r.pick(pool)}${r.pick(pool)}` : r.pick(pool);
  return `${surname(r)}${given}`;
}

/** Region codes (行政区划代码) of Jinan and its neighbours: where the county's residents were registered. */
const REGIONS = ['370181', '370114', '370112', '370102', '370103', '371202', '371203', '370303', '370321'];

/** A GB 11643 resident ID number for someone born on `birthDate` ('YYYY-MM-DD'). */
export function residentId(r: Random, birthDate: string, sex: 'male' | 'female'): string {
  const region = r.weighted(REGIONS.map((code, i) => [code, i < 2 ? 6 : 1] as const));
  const order = r.digits(2);
  // The 17th digit: odd for a man, even for a woman.
  const sexDigit = String(r.int(0, 4) * 2 + (sex === 'male' ? 1 : 0));
  const first17 = `${region}${birthDate.replaceAll('-', '')}${order}${sexDigit}`;
  // The desk's own GB 11643 rule names the check character (ISO 7064 MOD 11-2) a wrong one should have.
  const probe = parseResidentId(`${first17}0`);
  const check = probe.ok ? '0' : probe.expectedCheck;
  if (check === undefined) throw new Error('demo: not a resident ID number');
  return `${first17}${check}`;
}

/** Other documents (护照, 港澳/台湾居民来往内地通行证): the shapes the offices see. */
export function otherDocument(r: Random): {
  type: 'passport' | 'hk_macau_permit' | 'taiwan_permit';
  number: string;
} {
  const type = r.weighted([
    ['passport', 3],
    ['hk_macau_permit', 2],
    ['taiwan_permit', 1],
  ] as const);
  const prefix = type === 'passport' ? 'E' : type === 'hk_macau_permit' ? 'H' : '';
  return { type, number: `${prefix}${r.digits(8)}` };
}

const MOBILE_PREFIXES = [
  '134',
  '135',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '156',
  '158',
  '176',
  '186',
  '187',
  '189',
  '199',
];

export function mobile(r: Random): string {
  return `${r.pick(MOBILE_PREFIXES)}${r.digits(8)}`;
}

export const TOWNS = [
  '明水街道',
  '双山街道',
  '绣惠街道',
  '相公庄街道',
  '龙山街道',
  '埠村街道',
  '圣井街道',
  '普集街道',
  '官庄街道',
  '高官寨街道',
  '宁家埠街道',
  '曹范街道',
  '文祖街道',
  '枣园街道',
  '白云湖街道',
  '刁镇',
  '垛庄镇',
  '黄河街道',
];
const VILLAGE_FIRST = [...'东西南北前后大小新王李张刘孙马杨高石河山柳桃杏'];
const VILLAGE_LAST = ['庄', '村', '家庄', '官庄', '家村', '峪', '店', '埠'];
const STREETS = [
  '汇泉路',
  '山泉路',
  '明水路',
  '福泰路',
  '唐王山路',
  '铁道北路',
  '绣水大街',
  '百脉泉路',
  '世纪大道',
  '双山大街',
];
const ESTATES = ['锦绣城', '百脉苑', '泉城花园', '绣水小区', '明珠花园', '龙泉山庄', '福泰新都', '东山名郡'];

export function village(r: Random): string {
  return `${r.pick(VILLAGE_FIRST)}${r.pick(VILLAGE_LAST)}`;
}

/** A home address: a village house, or a flat in a town estate. */
export function address(r: Random): string {
  const town = r.pick(TOWNS);
  if (r.chance(0.45)) return `章丘区${town}${village(r)}${r.int(1, 260)}号`;
  return `章丘区${town}${r.pick(STREETS)}${r.pick(ESTATES)}${r.int(1, 36)}号楼${r.int(1, 4)}单元${r.int(1, 18)}0${r.int(1, 4)}室`;
}

export const OCCUPATIONS: readonly (readonly [string, number])[] = [
  ['企业职工', 20],
  ['个体经营', 14],
  ['务农', 12],
  ['外出务工', 10],
  ['自由职业', 7],
  ['教师', 4],
  ['医护人员', 3],
  ['公务员', 2],
  ['司机', 5],
  ['销售', 6],
  ['厨师', 3],
  ['工程技术人员', 4],
  ['家庭主妇', 3],
  ['暂无工作', 5],
];

/** Education: the shares of a county's couples filing for divorce (roughly). */
export const EDUCATION: readonly (readonly [
  'primary' | 'junior' | 'senior' | 'college' | 'bachelor' | 'postgraduate' | 'unknown',
  number,
])[] = [
  ['primary', 6],
  ['junior', 34],
  ['senior', 24],
  ['college', 18],
  ['bachelor', 14],
  ['postgraduate', 2],
  ['unknown', 2],
];
