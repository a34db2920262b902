import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { noticeKind, validateSubscribeData, type SubscribeNotice, type TemplateKind } from '@shared/messages/templates';
import { cloudSettings } from '../../../cloudfunctions/core/platform/cloudbase.platform';
import { createWechat, type OpenApi, type WechatSettings } from '../../../cloudfunctions/core/platform/wechat';
import { whistleDeadlines } from '../../../cloudfunctions/whistle/whistle-deadlines.job';
import { createHarness, ok, type Harness } from '../../support/harness';

type Sent = Parameters<OpenApi['sendSubscribe']>[0];

/**
 * Every subscribe message the real flows send, as WeChat would receive it, checked against the template
 * table: the notices of 吹哨 problem reports from submission to the deadline job, with texts longer than
 * any field holds, line breaks and all.
 */
function recordingWechat(h: Harness, settings: WechatSettings): { sent: Sent[]; notices: SubscribeNotice[] } {
  const sent: Sent[] = [];
  const notices: SubscribeNotice[] = [];
  const openApi: OpenApi = {
    getUnlimited: () => Promise.reject(new Error('no codes here')),
    sendSubscribe: async (request) => {
      sent.push(request);
      return { errcode: 0 };
    },
  };
  const storage = { uploadFile: () => Promise.reject(new Error('no uploads here')) };
  const wechat = createWechat(
    openApi,
    storage,
    () => h.store,
    settings,
    (e) => h.logs.push(e),
  );
  h.runtime.wechat = {
    ...wechat,
    subscribe: (openid, notice, at) => {
      notices.push(notice);
      return wechat.subscribe(openid, notice, at);
    },
  };
  return { sent, notices };
}

const long = '3栋楼下垃圾堆放多日无人清运，\n气味很大，夏天蚊虫多，影响居民出行和健康，请尽快处理';

async function problem(h: Harness, description = long): Promise<string> {
  const input = { category: '环境卫生', description, unitId: 'huazhongg1u1', phone: '13600002222' };
  return ok(await h.call('report', 'demo-resident', 'submitProblem', input)).problem.id as string;
}

const whistle = (h: Harness, problemId: string, departments = ['dept1', 'dept2']) =>
  h.call('report', 'demo-station', 'triage', { problemId, action: 'whistle', departments, leadDepartment: 'dept1' });

/** Every flow of the whistle feature that notifies someone. */
async function everyNotice(h: Harness): Promise<void> {
  // Reported, whistled to two departments, acknowledged, answered, confirmed, rated as not solved.
  const solved = await problem(h);
  ok(await whistle(h, solved));
  ok(await h.call('report', 'demo-department', 'acknowledge', { problemId: solved }));
  const result = '已安排环卫车清运，并增加清运频次；\n同时联系物业在楼下设置分类垃圾桶，张贴告示，后续每周巡查两次';
  ok(await h.call('report', 'demo-department', 'respond', { problemId: solved, result }));
  ok(await h.call('report', 'demo-station', 'confirmResult', { problemId: solved }));
  ok(await h.call('report', 'demo-resident', 'rate', { problemId: solved, satisfied: false, comment: '又堆满了' }));
  // Declined with a long reason.
  const declined = await problem(h, '小区内部绿化带杂草丛生，物业长期不修剪，希望社区出面协调解决');
  const reason = '属于小区物业管理范围，请直接联系物业服务中心（电话见单元门口公告栏），社区将督促物业处理';
  ok(await h.call('report', 'demo-station', 'triage', { problemId: declined, action: 'decline', reason }));
  // Not the department's: back to the station.
  const returned = await problem(h, '路口井盖松动，车辆经过时声响很大');
  ok(await whistle(h, returned, ['dept1']));
  ok(await h.call('report', 'demo-department', 'notOurs', { problemId: returned, belongsTo: '市政设施管理处' }));
  // Left unanswered: reminded before the deadline, escalated after it.
  const late = await problem(h, '楼道灯坏了一个多月，晚上上下楼很不方便');
  ok(await whistle(h, late));
  h.clock.advance(61 * 3600_000);
  expect((await whistleDeadlines(h.runtime)).reminded).toBeGreaterThan(0);
  h.clock.advance(12 * 3600_000);
  expect((await whistleDeadlines(h.runtime)).overdue).toBeGreaterThan(0);
}

const everyKind = cloudSettings({
  HONGLING_TEMPLATE_REVIEW: 'T-REVIEW',
  HONGLING_TEMPLATE_PROGRESS: 'T-PROGRESS',
  // A deployment whose library template numbered the keywords its own way.
  HONGLING_TEMPLATE_PROGRESS_FIELDS: 'thing2,phrase5,date1,thing9',
  HONGLING_TEMPLATE_ACTIVITY: 'T-ACTIVITY',
  HONGLING_TEMPLATE_NOTICE: 'T-NOTICE',
}).wechat;
// A deployment in the field from before the templates by kind: one general template.
const legacy = cloudSettings({ HONGLING_RESULT_TEMPLATE: 'T-OLD' }).wechat;

test.each<[string, WechatSettings, TemplateKind[]]>([
  ['a template for every kind', everyKind, ['progress', 'review']],
  ['only the general template of an existing deployment', legacy, ['notice']],
])('every subscribe message the flows send fits its template: %s', async (_name, settings, kinds) => {
  const h = createHarness();
  const { sent, notices } = recordingWechat(h, settings);
  const before = h.store.dump('messages').length;
  await everyNotice(h);

  // Each new in-app message went out once, none held back as unfit.
  const messages = h.store.dump('messages').length - before;
  expect(messages).toBeGreaterThanOrEqual(10);
  expect(sent).toHaveLength(messages);
  expect(h.logs.filter((e) => e.fn === 'subscribeMessage.send')).toEqual([]);

  const kindOf = new Map(
    Object.entries(settings.templates).map(([kind, t]) => [t.id, { kind: kind as TemplateKind, keys: t.keys }]),
  );
  // The pages of app.config.ts (WeChat refuses a message opening any other page: 41030).
  const config = readFileSync(join(__dirname, '../../../miniprogram/app.config.ts'), 'utf8');
  const pages = [...config.matchAll(/'(pages\/[\w/-]+)'/g)].map((m) => m[1]);
  const violations = sent.flatMap((s) => {
    const template = kindOf.get(s.templateId);
    if (!template) return [`${s.templateId}: not a configured template`];
    const wrong = validateSubscribeData(template.kind, s.data, template.keys);
    if (!pages.includes(s.page.split('?')[0])) wrong.push(`page ${s.page} is not a page of the mini-program`);
    return wrong.map((w) => `${template.kind} to ${s.touser}: ${w}`);
  });
  expect(violations).toEqual([]);
  expect([...new Set(sent.map((s) => kindOf.get(s.templateId)?.kind))].sort()).toEqual(kinds);

  // The README's table of notices says what the code does: `| change | title | to | page | `kind` | state |`.
  const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
  const rows = new Set(
    notices.map((n) =>
      [n.title, noticeKind(n), n.template && 'state' in n.template ? n.template.state : '—'].join('|'),
    ),
  );
  for (const row of rows) {
    const [title, kind, state] = row.split('|') as [string, string, string];
    expect([
      title,
      readme
        .split('\n')
        .map((l) => l.trim())
        .find((l) => l.includes(`| ${title} |`) && l.endsWith(`| \`${kind}\` | ${state} |`)),
    ]).toEqual([title, expect.any(String)]);
  }
  expect(rows.size).toBe(11);
});
