import type { ProgressState, ReviewState, TemplateKind } from './templates';

/**
 * The notice table: for every change that concerns someone other than the person making it, who is told,
 * what they read and which page the message opens. Rows are keyed by the change's audit action
 * (`<entity>.<event>`, the transition tables' events and the creates); the change step emits them, the
 * messages feature delivers each as an inbox message and, where the person accepted its template, a WeChat
 * subscribe message. `quietChanges` names every other change and why nobody else needs to hear of it; a
 * test holds the two together to the transition tables, so a new event is either told or explained.
 */

/**
 * Who a row tells, resolved per record by its entity (cloudfunctions/<f>/<f>.entities.ts):
 * - `owner`: who made the record (the resident of a wish or a problem, the member of a 报到, a service, an order)
 * - `claimant`: the member holding a wish now; `formerClaimant`: the one who held it before this change
 * - `station`: the station admins (社区红领工作站) of the record's community
 * - `reviewers`: the station admins and the grid secretary of the record's grid (wish review)
 * - `unitLeader`: the unit leaders (单元长) of the record's unit
 * - `confirmer`: whoever confirms a service record (the activity's organiser, or the unit leaders)
 * - `orgAdmin`: the admins of the member's employer organisation's party branch
 * - `department`: the staff of a whistle's department; `district`: the district admins
 * - `registered`: the members signed up for an activity
 * - `requester`: who asked for a role with an invitation code
 */
export const audiences = [
  'owner',
  'claimant',
  'formerClaimant',
  'station',
  'reviewers',
  'unitLeader',
  'confirmer',
  'orgAdmin',
  'department',
  'district',
  'registered',
  'requester',
] as const;
export type Audience = (typeof audiences)[number];

/** A template and the short state it names (the subscribe message's 审核结果 / 处理状态 field). */
export type RowTemplate =
  { kind: 'review'; state: ReviewState } | { kind: 'progress'; state: ProgressState } | { kind: 'activity' };

/**
 * One audience's message: the page it opens (the record's id goes with it, and the record's state when the
 * page lists records by state, `byState`, so it opens on the tab that holds it), and text of its own if it
 * differs.
 */
export type Told = { page: string; title?: string; body?: string; byState?: true; query?: string };

/**
 * One row. `title` and `body` may name facts of the record in braces (`{title}`, `{note}`): the entity
 * says which facts it has, and a test renders every row with each entity's facts.
 */
export type NoticeRow = {
  title: string;
  body: string;
  to: Partial<Record<Audience, Told>>;
  template?: RowTemplate;
};

const page = {
  myReports: 'pages/mine/index',
  enrol: 'pages/mine/index',
  review: 'pages/checkin/review/index',
  receipts: 'pages/checkin/receipts/index',
  posts: 'pages/checkin/posts/index',
  activity: 'pages/checkin/activity/index',
  service: 'pages/checkin/service/index',
  confirm: 'pages/points/confirm/index',
  points: 'pages/points/mine/index',
  orders: 'pages/points/orders/index',
  stationPoints: 'pages/points/station/index',
  myWishes: 'pages/wish/mine/index',
  claims: 'pages/wish/claims/index',
  wishReview: 'pages/wish/review/index',
  unitWishes: 'pages/wish/unit/index',
  myProblems: 'pages/whistle/mine/index',
  stationProblems: 'pages/whistle/station/index',
  department: 'pages/whistle/department/index',
  stats: 'pages/whistle/stats/index',
  people: 'pages/org/people/index',
  mine: 'pages/mine/index',
  pairing: 'pages/org/pairing/index',
} as const;

export const noticeTable = {
  // 报到 (enrolment; stored and audited as `report`)
  'report.submit': {
    title: '新的报到申请',
    body: '{name}申请到本社区报到，请审核。',
    to: { station: { page: page.review } },
  },
  'report.resubmit': {
    title: '报到申请重新提交',
    body: '{name}重新提交了报到申请，请审核。',
    to: { station: { page: page.review } },
  },
  'report.approve': {
    title: '报到已通过',
    body: '您到社区报到的申请已通过，欢迎参与社区服务。',
    to: {
      owner: { page: page.myReports },
      orgAdmin: { page: page.receipts, title: '本单位党员已报到', body: '{name}已到居住社区报到。' },
    },
    template: { kind: 'review', state: '已通过' },
  },
  'report.reject': {
    title: '报到未通过',
    body: '驳回原因：{note}。请修改后重新提交。',
    to: { owner: { page: page.enrol } },
    template: { kind: 'review', state: '已驳回' },
  },
  'report.move': {
    title: '党员已转到其他社区',
    body: '{name}已报到到新的居住社区，不再计入本社区。',
    to: { station: { page: page.review } },
  },

  // 岗位 (posts)
  'post.release': {
    title: '岗位有人退出',
    body: '一名党员退出了岗位「{post}」，岗位空出一个名额。',
    to: { station: { page: page.posts } },
  },

  // 活动 (activities)
  'activity.close': {
    title: '活动已取消',
    body: '您报名的「{title}」（{startsAt}）已取消。',
    to: { registered: { page: page.activity } },
  },
  'activity.startsSoon': {
    title: '活动即将开始',
    body: '您报名的「{title}」将于{startsAt}在{place}开始，请准时到场扫码签到。',
    to: { registered: { page: page.activity } },
    template: { kind: 'activity' },
  },
  'attendance.correct': {
    title: '签到记录已更正',
    body: '「{title}」的签到记录已由组织者更正：{note}。',
    to: { owner: { page: page.service } },
  },

  // 志愿服务积分 (service hours and the shop)
  'service.log': {
    title: '服务时长待确认',
    body: '{name}的服务等待您确认：{what}。',
    to: { confirmer: { page: page.confirm } },
    template: { kind: 'progress', state: '待确认' },
  },
  'service.confirm': {
    title: '服务时长已确认',
    body: '{what}已确认，获得{credited}积分。',
    to: { owner: { page: page.points, query: 'tab=services' } },
    template: { kind: 'review', state: '已通过' },
  },
  'service.reject': {
    title: '服务时长未通过',
    body: '{what}未通过确认，原因：{note}。',
    to: { owner: { page: page.points, query: 'tab=services' } },
    template: { kind: 'review', state: '已驳回' },
  },
  'order.place': {
    title: '新的兑换订单',
    body: '{name}兑换了{item}，请备好物品等待领取。',
    to: { station: { page: page.stationPoints } },
  },
  'order.cancel': {
    title: '兑换订单已取消',
    body: '{name}取消了{item}的兑换，积分已退回。',
    to: { station: { page: page.stationPoints } },
  },
  'order.handOver': {
    title: '兑换物品已领取',
    body: '您兑换的{item}已领取。',
    to: { owner: { page: page.orders } },
  },

  // 微心愿 (wishes)
  'wish.post': {
    title: '新的微心愿待审核',
    body: '「{title}」等待审核。',
    to: { reviewers: { page: page.wishReview } },
    template: { kind: 'progress', state: '待处理' },
  },
  'wish.approve': {
    title: '心愿已通过审核',
    body: '「{title}」已发布到心愿墙，等待党员认领。',
    to: { owner: { page: page.myWishes } },
    template: { kind: 'review', state: '已通过' },
  },
  'wish.reject': {
    title: '心愿未通过审核',
    body: '「{title}」未通过审核，原因：{note}。',
    to: { owner: { page: page.myWishes } },
    template: { kind: 'review', state: '已驳回' },
  },
  'wish.claim': {
    title: '心愿已被认领',
    body: '「{title}」已被党员认领，请留意联系。',
    to: { owner: { page: page.myWishes } },
    template: { kind: 'progress', state: '处理中' },
  },
  'wish.giveUp': {
    title: '认领人已放弃',
    body: '「{title}」的认领人已放弃，心愿重新等待认领。',
    to: { owner: { page: page.myWishes } },
  },
  'wish.release': {
    title: '心愿重新等待认领',
    body: '社区取消了「{title}」的认领，心愿重新等待认领。',
    to: {
      owner: { page: page.myWishes },
      formerClaimant: {
        page: page.claims,
        title: '您的认领已被取消',
        body: '社区取消了您对「{title}」的认领：{note}。',
      },
    },
  },
  'wish.expire': {
    title: '心愿重新等待认领',
    body: '「{title}」认领后未按期完成，已重新等待认领。',
    to: {
      owner: { page: page.myWishes },
      formerClaimant: {
        page: page.claims,
        title: '认领已超时',
        body: '您认领的「{title}」未在期限内完成，已自动释放。',
      },
    },
  },
  'wish.remindClaim': {
    title: '认领即将到期',
    body: '您认领的「{title}」请于{claimExpiresAt}前完成，逾期将自动释放。',
    to: { claimant: { page: page.claims } },
    template: { kind: 'progress', state: '待反馈' },
  },
  'wish.fulfil': {
    title: '心愿已完成，请确认',
    body: '党员已完成「{title}」，请确认。',
    to: {
      owner: { page: page.myWishes },
      unitLeader: { page: page.unitWishes, title: '单元心愿待确认', body: '「{title}」已完成，居民不便时可代为确认。' },
    },
    template: { kind: 'progress', state: '待确认' },
  },
  'wish.confirm': {
    title: '心愿已确认完成',
    body: '「{title}」已确认完成，获得{points}积分。',
    to: {
      claimant: { page: page.claims },
      owner: { page: page.myWishes, body: '单元长已代您确认「{title}」完成。' },
    },
    template: { kind: 'progress', state: '已办结' },
  },
  'wish.dispute': {
    title: '心愿尚未完成',
    body: '居民认为「{title}」尚未完成：{note}。',
    to: {
      claimant: { page: page.claims },
      owner: { page: page.myWishes, body: '单元长认为「{title}」尚未完成：{note}。' },
    },
  },
  'wish.thank': {
    title: '居民向您致谢',
    body: '「{title}」：{thanks}',
    to: { claimant: { page: page.claims } },
  },

  // 吹哨报到 (problem reports and whistles)
  'problem.submit': {
    title: '新的问题反映',
    body: '{summary}',
    to: { station: { page: page.stationProblems, byState: true } },
    template: { kind: 'progress', state: '待处理' },
  },
  'problem.solveInStation': {
    title: '社区正在处理',
    body: '您反映的问题由社区红领工作站直接处理。',
    to: { owner: { page: page.myProblems } },
    template: { kind: 'progress', state: '处理中' },
  },
  'problem.merge': {
    title: '问题已合并处理',
    body: '您反映的问题与已有反映相同，将一并处理。',
    to: { owner: { page: page.myProblems } },
    template: { kind: 'progress', state: '处理中' },
  },
  'problem.decline': {
    title: '问题反映处理结果',
    body: '您反映的问题不予受理：{note}。',
    to: { owner: { page: page.myProblems } },
    template: { kind: 'review', state: '不予受理' },
  },
  'problem.whistle': {
    title: '社区已吹哨',
    body: '您反映的问题已通知相关部门处理。',
    to: { owner: { page: page.myProblems } },
    template: { kind: 'progress', state: '处理中' },
  },
  'whistle.open': {
    title: '社区吹哨',
    body: '{summary}。请尽快报到并在期限内反馈。',
    to: { department: { page: page.department } },
    template: { kind: 'progress', state: '待报到' },
  },
  'problem.acknowledge': {
    title: '部门已报到',
    body: '牵头部门已报到，正在处理：{summary}。',
    to: { station: { page: page.stationProblems, byState: true } },
    template: { kind: 'progress', state: '处理中' },
  },
  'problem.respond': {
    title: '部门已反馈',
    body: '{result}',
    to: { station: { page: page.stationProblems, byState: true } },
    template: { kind: 'progress', state: '待确认' },
  },
  'problem.confirm': {
    title: '您反映的问题已办结',
    body: '{result}。请对处理结果进行评价。',
    to: { owner: { page: page.myProblems } },
    template: { kind: 'progress', state: '已办结' },
  },
  'problem.rateSatisfied': {
    title: '居民评价：满意',
    body: '{summary}',
    to: { station: { page: page.stationProblems, byState: true } },
  },
  'problem.rateUnsatisfied': {
    title: '居民不满意，问题已重新打开',
    body: '{summary}。居民意见：{note}',
    to: { station: { page: page.stationProblems, byState: true } },
    template: { kind: 'progress', state: '待处理' },
  },
  'whistle.notOurs': {
    title: '部门退回吹哨',
    body: '{note}',
    to: { station: { page: page.stationProblems } },
    template: { kind: 'progress', state: '已退回' },
  },
  'whistle.remind': {
    title: '吹哨即将到期',
    body: '请于{deadline}前反馈处理情况。',
    to: { department: { page: page.department } },
    template: { kind: 'progress', state: '待反馈' },
  },
  'whistle.overdue': {
    title: '吹哨超期未反馈',
    body: '部门未在{deadline}前反馈处理情况，请督办。',
    to: { station: { page: page.stationProblems }, district: { page: page.stats } },
    template: { kind: 'progress', state: '已超期' },
  },

  // 人员与身份 (people and roles): appointments and invitation codes
  'grant.add': {
    title: '您有了新的身份',
    body: '您已被授予「{role}」身份（{scope}），可在首页办理相关工作。',
    to: { owner: { page: page.mine } },
    template: { kind: 'review', state: '已通过' },
  },
  'grant.remove': {
    title: '您的身份已撤销',
    body: '您的「{role}」身份（{scope}）已被撤销。',
    to: { owner: { page: page.mine } },
  },
  'invite.request': {
    title: '新的身份申请',
    body: '{name}凭邀请码申请「{role}」身份（{scope}），请审批。',
    to: {
      station: { page: page.people, query: 'tab=invites' },
      district: { page: page.people, query: 'tab=invites' },
    },
  },
  'invite.approve': {
    title: '身份申请已通过',
    body: '您已成为「{role}」（{scope}），可在首页办理相关工作。',
    to: { requester: { page: page.mine } },
    template: { kind: 'review', state: '已通过' },
  },
  'invite.reject': {
    title: '身份申请未通过',
    body: '原因：{note}。如有疑问请联系邀请人。',
    to: { requester: { page: page.mine } },
    template: { kind: 'review', state: '已驳回' },
  },

  // 结对共建 (organisation pairing)
  'pairing.open': {
    title: '结对共建通知',
    body: '请于{deadline}前与单位所在社区结对共建：在“结对共建”中选择社区并提交。',
    to: { orgAdmin: { page: page.pairing } },
  },
  'pairing.request': {
    title: '新的结对申请',
    body: '{org}申请与本社区结对共建，请确认。',
    to: { station: { page: page.pairing } },
  },
  'pairing.accept': {
    title: '结对已确认',
    body: '{community}已确认与本单位结对共建。每年至少到社区服务2次，解决1至2个实际问题。',
    to: { orgAdmin: { page: page.pairing } },
    template: { kind: 'review', state: '已通过' },
  },
  'pairing.decline': {
    title: '结对未被接受',
    body: '{community}未接受结对：{note}。请重新选择社区。',
    to: { orgAdmin: { page: page.pairing } },
    template: { kind: 'review', state: '已驳回' },
  },
  'pairing.remind': {
    title: '结对即将到期',
    body: '请于{deadline}前完成与社区的结对共建。',
    to: { orgAdmin: { page: page.pairing } },
  },
  'pairing.overdue': {
    title: '结对超期未完成',
    body: '{org}未在{deadline}前完成与社区的结对共建。',
    to: { orgAdmin: { page: page.pairing }, district: { page: page.pairing } },
  },
  'visit.log': {
    title: '结对单位到社区服务',
    body: '{org}于{date}到社区服务，解决实际问题{solved}个。',
    to: { station: { page: page.pairing } },
  },
} as const satisfies Record<string, NoticeRow>;
export type NoticeKey = keyof typeof noticeTable;

/**
 * Changes no one but the person making them needs to hear of, and why. With the table above, every event
 * of every transition table and every create is accounted for.
 */
export const quietChanges: Record<string, string> = {
  'report.withdraw': 'the member withdraws their own request before review; the station’s queue no longer lists it',
  'post.claim': 'a member takes a free place on a post; the station sees places taken on its list and need not act',
  'activity.create': 'members find new activities on 社区活动; a message to every member of a community would be noise',
  'attendance.checkIn': 'the member’s own scan at the activity',
  'attendance.checkOut':
    'the member’s own scan; the hours it makes wait for the organiser as a service record (service.log)',
  'wish.cancel': 'the resident withdraws their own wish before anyone holds it (pending review or open)',
  'problem.stationRespond':
    'the station records its own result; the resident hears when the station confirms it (problem.confirm)',
  'problem.notOurs':
    'the lead department returns the round; the station hears it once from the lead’s own whistle (whistle.notOurs)',
  'problem.progress': 'a progress note shows on the problem’s timeline; the resident sees it there',
  'whistle.acknowledge':
    'a department reports in; the station hears when the lead department reports in (problem.acknowledge)',
  'whistle.answer':
    'the lead department’s answer closes every whistle of the round; the station hears it as problem.respond',
  'invite.create': 'the granter makes a code to hand to someone; no one else is concerned until it is used',
  'invite.revoke': 'the granter withdraws a code nobody has used; nobody asked with it, so nobody waits on it',
  'whistle.close': 'a department that never reported in stops waiting as the lead answered; it has nothing left to do',
};

/** Fills a row's `{fact}` places from a record's facts; a place without a fact is an error the tests catch. */
export function fillText(text: string, facts: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = facts[name];
    if (value === undefined) throw new Error(`notice text names {${name}}, which the record's facts lack`);
    return value;
  });
}

/** The fact names a text uses. */
export function factsNamed(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
}

const kindOrder: readonly TemplateKind[] = ['review', 'progress', 'activity', 'notice'];

/**
 * The subscribe templates a person will be sent as `audience` of a kind of record (`wish` as its `owner`),
 * for the page to ask them to accept right after their own tap (WeChat takes three at most).
 */
export function subscribeKinds(entity: string, audience: Audience): TemplateKind[] {
  const kinds = new Set<TemplateKind>();
  for (const [key, row] of Object.entries(noticeTable) as Array<[string, NoticeRow]>) {
    if (key.startsWith(`${entity}.`) && row.to[audience]) kinds.add(row.template?.kind ?? 'notice');
  }
  return kindOrder.filter((k) => kinds.has(k)).slice(0, 3);
}

/**
 * `subscribeKinds` for every kind of record and audience the table tells, keyed `<entity>.<audience>`. The
 * weapp build bakes it in as a constant (config/index.ts, HONGLING_SUBSCRIBE_KINDS), so the mini-program's
 * main package carries this small map instead of the whole table.
 */
export function subscribeKindsTable(): Record<string, TemplateKind[]> {
  const table: Record<string, TemplateKind[]> = {};
  for (const [key, row] of Object.entries(noticeTable) as Array<[string, NoticeRow]>) {
    const entity = key.split('.')[0] as string;
    for (const audience of Object.keys(row.to) as Audience[])
      table[`${entity}.${audience}`] ??= subscribeKinds(entity, audience);
  }
  return table;
}
