/**
 * What 我的数据 and 注销 show and ask, without the contract's schemas: the mini-program imports these (a
 * value import of account.contract.ts would bundle zod into the main package).
 */

/** The lists of 我的数据 that can grow long, each paged on its own. */
export const dataLists = [
  'reports',
  'attendance',
  'postClaims',
  'wishes',
  'claims',
  'services',
  'ledger',
  'orders',
  'problems',
] as const;
export type DataList = (typeof dataLists)[number];

export const dataListLabels: Record<DataList, string> = {
  reports: '报到记录',
  attendance: '活动签到',
  postClaims: '认领的岗位',
  wishes: '我发布的心愿',
  claims: '我认领的心愿',
  services: '服务记录',
  ledger: '积分流水',
  orders: '兑换订单',
  problems: '我反映的问题',
};

/** The confirmation 注销 needs, typed by the person: an empty or a guessed input never closes an account. */
export const CLOSE_CONFIRMATION = '确认注销';
