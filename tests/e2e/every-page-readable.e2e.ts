import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { beijing } from '@shared/core/time';
import { wishCategories } from '@shared/wish/wish.rules';
import { problemCategories } from '@shared/whistle/whistle.rules';
import { api, loginAs, phone, shoot, storyApp } from './support/app';

jest.setTimeout(900_000);

type Visit = { name: string; path: string };

/** Every page of the app, each as a demo account that can use it (README, 演示账号). */
function visitsFor(codes: { enrol: string; scan: string; activityId: string; join: string }): Record<string, Visit[]> {
  return {
    'demo-resident': [
      { name: 'index-resident', path: 'pages/index/index' },
      { name: 'mine-resident', path: 'pages/mine/index' },
      { name: 'inbox', path: 'pages/inbox/index' },
      { name: 'wish-mine', path: 'pages/wish/mine/index' },
      { name: 'wish-post', path: 'pages/wish/post/index' },
      { name: 'whistle-mine', path: 'pages/whistle/mine/index' },
      { name: 'whistle-new', path: 'pages/whistle/new/index' },
      { name: 'mine-privacy', path: 'pages/mine/privacy/index?doc=privacy' },
      { name: 'mine-data', path: 'pages/mine/data/index' },
    ],
    'demo-member': [
      { name: 'index-member', path: 'pages/index/index' },
      { name: 'mine-member', path: 'pages/mine/index' },
      { name: 'activities', path: 'pages/checkin/activities/index' },
      { name: 'activity-member', path: `pages/checkin/activity/index?id=${codes.activityId}` },
      { name: 'scan', path: codes.scan },
      { name: 'service', path: 'pages/checkin/service/index' },
      { name: 'posts', path: 'pages/checkin/posts/index' },
      { name: 'wish-wall', path: 'pages/wish/wall/index' },
      { name: 'wish-claims', path: 'pages/wish/claims/index' },
      { name: 'points-mine', path: 'pages/points/mine/index' },
      { name: 'points-log', path: 'pages/points/log/index' },
      { name: 'points-shop', path: 'pages/points/shop/index' },
      { name: 'points-orders', path: 'pages/points/orders/index' },
    ],
    'demo-newmember': [
      { name: 'enrol', path: codes.enrol },
      { name: 'join', path: codes.join },
    ],
    'demo-station': [
      { name: 'index-station', path: 'pages/index/index' },
      { name: 'community-code', path: 'pages/checkin/code/index' },
      { name: 'checkin-review', path: 'pages/checkin/review/index' },
      { name: 'post-edit', path: 'pages/checkin/post-edit/index' },
      { name: 'activity-edit', path: 'pages/checkin/activity-edit/index' },
      { name: 'activity-organiser', path: `pages/checkin/activity/index?id=${codes.activityId}` },
      { name: 'wish-review', path: 'pages/wish/review/index' },
      { name: 'points-station', path: 'pages/points/station/index' },
      { name: 'item-edit', path: 'pages/points/item-edit/index' },
      { name: 'whistle-station', path: 'pages/whistle/station/index' },
      { name: 'settings-station', path: 'pages/org/settings/index' },
      { name: 'people-station', path: 'pages/org/people/index' },
      { name: 'pairing-station', path: 'pages/org/pairing/index' },
      { name: 'dashboard-station', path: 'pages/dashboard/station/index' },
      { name: 'tree-station', path: 'pages/org/tree/index' },
    ],
    'demo-orgadmin': [
      { name: 'receipts', path: 'pages/checkin/receipts/index' },
      { name: 'org-half-year', path: 'pages/checkin/org-half-year/index' },
      { name: 'pairing-org', path: 'pages/org/pairing/index' },
      { name: 'dashboard-org', path: 'pages/dashboard/org/index' },
    ],
    'demo-district': [
      { name: 'index-district', path: 'pages/index/index' },
      { name: 'whistle-stats', path: 'pages/whistle/stats/index' },
      { name: 'calendar', path: 'pages/org/calendar/index' },
      { name: 'settings-district', path: 'pages/org/settings/index' },
      { name: 'people-district', path: 'pages/org/people/index?tab=invites' },
      { name: 'pairing-district', path: 'pages/org/pairing/index' },
      { name: 'dashboard-district', path: 'pages/dashboard/district/index' },
      { name: 'tree-district', path: 'pages/org/tree/index' },
      { name: 'exports-district', path: 'pages/dashboard/exports/index' },
    ],
    'demo-unitleader': [
      { name: 'points-confirm', path: 'pages/points/confirm/index' },
      { name: 'wish-unit', path: 'pages/wish/unit/index' },
    ],
    'demo-department': [{ name: 'whistle-department', path: 'pages/whistle/department/index' }],
  };
}

/** Pages with a button that opens a form inline, and that button. */
const inlineForms: Record<string, string> = {
  'whistle-station': '不予受理',
  'wish-review': '驳回',
  'checkin-review': '驳回',
  'points-confirm': '驳回',
  calendar: '录入',
  'tree-station': '修改',
};

type Finding = { page: string; rule: string; impact: string; help: string; nodes: string[] };

/** axe-core on the page as shown: serious and critical violations only. */
async function axeFindings(page: Page, name: string): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    const result = await run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? '',
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`.slice(0, 300)),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ page: name, ...v }));
}

/** Text sizes and tap targets on the visible page, as a person sees them (CSS px at 375 wide). */
async function measure(page: Page) {
  return page.evaluate(() => {
    const visible = (el: Element) =>
      (el as HTMLElement).checkVisibility?.() ?? (el as HTMLElement).offsetParent !== null;
    const body =
      '.list-line, .hint, .muted, .state, .result-next, .field-input, input:not([type=checkbox]), textarea, .sheet-option, .role-line, .balance-bar';
    const labels = '.tag, .tab, .field-label, .section-title, .stat-label, .field-error, .field-counter';
    const small = (selector: string, min: number) =>
      Array.from(document.querySelectorAll(selector))
        .filter((el) => visible(el) && ((el.textContent ?? '').trim().length > 0 || el.matches('input, textarea')))
        .map((el) => ({
          text: (el.textContent ?? '').trim().slice(0, 20),
          px: parseFloat(getComputedStyle(el).fontSize),
        }))
        .filter((m) => m.px < min - 0.01);
    const buttons = Array.from(document.querySelectorAll('.nut-button'))
      .filter(visible)
      .map((el) => {
        const box = el.getBoundingClientRect();
        return { text: (el.textContent ?? '').trim(), h: box.height, w: box.width };
      });
    // A tag on two lines (one character per line beside a long title) is taller than two of its lines.
    const wrappedTags = Array.from(document.querySelectorAll('.tag'))
      .filter(visible)
      .filter((el) => el.getBoundingClientRect().height > parseFloat(getComputedStyle(el).fontSize) * 2.4)
      .map((el) => (el.textContent ?? '').trim());
    return {
      body18: small(body, 18),
      body16: small(body, 16),
      labels16: small(labels, 16),
      lowButtons: buttons.filter((b) => b.h < 48 - 0.5),
      // A button squeezed by a form beside it: narrower than four characters of text.
      narrowButtons: buttons.filter((b) => b.w < 72),
      wrappedTags,
    };
  });
}

/** The page is drawn: the H5 page shows, nothing is loading, the route animation is over. */
async function settle(page: Page, path?: string) {
  // The route has switched: the only page container shown is the one visited (Taro keeps others hidden).
  const switched = (timeout?: number) =>
    page.waitForFunction(
      (route) => {
        const shown = Array.from(document.querySelectorAll('.taro_page')).filter((el) =>
          (el as HTMLElement).checkVisibility(),
        );
        return shown.length === 1 && (shown[0] as HTMLElement).id.startsWith(`/${route}`);
      },
      path!.split('?')[0] ?? path,
      { timeout },
    );
  if (path)
    // A hash change to a page Taro's stack already holds may leave it hidden (once, under a fresh-clone run's
    // load): loading the address again shows it; a page that still does not show fails with its path.
    await switched(15_000).catch(async () => {
      await page.reload();
      await switched().catch((error: Error) => {
        throw new Error(`${path} never showed: ${error.message}`);
      });
    });
  await page.locator('.page:visible').first().waitFor();
  await page.waitForFunction(
    () =>
      !Array.from(document.querySelectorAll('[aria-busy="true"]')).some((el) => (el as HTMLElement).checkVisibility()),
  );
  await page.waitForTimeout(400);
}

/**
 * Lists with the longest texts the forms allow, so the screenshots show how they wrap and clamp: a wish on
 * the wall (30-character title, 300-character description), one waiting for review, services waiting for
 * the unit leader, and a problem waiting for triage (its 站内解决 / 不予受理 / 合并 / 吹哨 buttons).
 */
async function seedLongTexts(base: string) {
  const at = (o: { communityId?: string; gridId?: string }) =>
    api<{ communities: Array<{ id: string }>; grids: Array<{ id: string }>; units: Array<{ id: string }> }>(
      base,
      'demo-resident',
      'org',
      'places',
      o,
    );
  const communityId = (await at({})).communities[0]?.id ?? '';
  const gridId = (await at({ communityId })).grids[0]?.id ?? '';
  const unitId = (await at({ communityId, gridId })).units[0]?.id ?? '';
  const wish = (n: number) => ({
    requestId: `a11y-wish-000${n}`,
    title: `帮忙把家里坏了很久的老式吊扇拆下来换成新的吸顶灯${n}`.slice(0, 30),
    description: '家里只有我和老伴两个人，年纪都大了，爬不了梯子。'.repeat(12).slice(0, 300),
    category: wishCategories[0],
    unitId,
    phone: '13600003333',
  });
  const first = await api<{ wish: { id: string } }>(base, 'demo-resident', 'wish', 'postWish', wish(1));
  await api(base, 'demo-station', 'wish', 'reviewWish', { wishId: first.wish.id, decision: 'approve' });
  await api(base, 'demo-resident', 'wish', 'postWish', wish(2));
  // Services: two wait for the unit leader (全部确认 shows from two on); a third, confirmed, buys an order, and
  // leaves 10 points, so the shop shows one item the member can afford and one they cannot.
  const services: string[] = [];
  for (const n of [1, 2, 3]) {
    const res = await api<{ service: { id: string } }>(base, 'demo-member', 'points', 'logService', {
      requestId: `a11y-service-000${n}`,
      description: n === 2 ? '帮助独居老人更换门口损坏的声控灯并检查楼道其余照明' : '清理楼道杂物',
      unitId,
      date: beijing(new Date().toISOString(), 'YYYY-MM-DD'),
      hours: n,
    });
    services.push(res.service.id);
  }
  await api(base, 'demo-unitleader', 'points', 'reviewServices', { serviceIds: [services[2]], decision: 'confirm' });
  const items = await api<{ items: Array<{ id: string; name: string }> }>(
    base,
    'demo-member',
    'points',
    'listItems',
    {},
  );
  const bag = items.items.find((i) => i.name === '环保购物袋');
  if (bag) await api(base, 'demo-member', 'points', 'redeem', { itemId: bag.id, requestId: 'a11y-order-0001' });
  await api(base, 'demo-resident', 'report', 'submitProblem', {
    requestId: 'a11y-problem-0001',
    category: problemCategories[0],
    description: '楼道里堆了很多纸箱和旧家具，已经有两个多月了，晚上看不清容易绊倒。'.repeat(8).slice(0, 300),
    unitId,
    photos: [],
    phone: '13600003333',
  });
}

describe('every page is readable, in both modes', () => {
  const story = storyApp();

  test('axe finds no serious or critical violation, and elder mode is large enough', async () => {
    const { base } = story.app;
    const community = await api<{ path: string }>(base, 'demo-station', 'checkin', 'communityCode', {});
    const activities = await api<{ items: Array<{ id: string; phase: string }> }>(
      base,
      'demo-station',
      'checkin',
      'listActivities',
      { status: 'open' },
    );
    const activity = activities.items.find((a) => a.phase === 'ongoing') ?? activities.items[0];
    if (!activity) throw new Error('the demo data has no open activity');
    const code = await api<{ path: string }>(base, 'demo-station', 'checkin', 'activityCode', {
      activityId: activity.id,
      mode: 'fixed',
    });
    // The member has signed up: the detail page shows its disabled 已报名 (once white on pale pink).
    await api(base, 'demo-member', 'checkin', 'signUp', { activityId: activity.id });
    // The printed code's path (pages/checkin/report) forwards to the 报到 page; the check opens that page itself.
    const enrol = community.path.replace('pages/checkin/report/', 'pages/checkin/enrol/');
    // An invitation code for a unit leader, made by the station: the page a new colleague scans.
    const invite = await api(base, 'demo-station', 'org', 'createInvite', {
      requestId: 'a11y-invite-0001',
      role: 'unitLeader',
      scopeId: 'huazhongg3u1',
      days: 7,
    });
    // A pairing notice, so 结对共建 shows each role's working view (not its empty state).
    await api(base, 'demo-district', 'org', 'issuePairingNotice', {
      requestId: 'a11y-notice-0001',
      title: '关于开展结对共建的通知',
      date: beijing(new Date(), 'YYYY-MM-DD'),
    });
    const joinPage = `${invite.page}?scene=${encodeURIComponent(invite.token)}`;
    const visits = visitsFor({ enrol, scan: code.path, activityId: activity.id, join: joinPage });
    // Every page of app.config.ts is visited (the printed codes' alias only forwards: its target is; the login
    // page is checked on its own below).
    const config = readFileSync(join(__dirname, '../../miniprogram/app.config.ts'), 'utf8');
    // Pages, not the subpackages' roots ('pages/points/'): a page's path never ends in '/'.
    const declared = [...config.matchAll(/'(pages\/[\w/-]*\w)'/g)].map((m) => m[1] as string);
    const visited = new Set(Object.values(visits).flatMap((v) => v.map((x) => x.path.split('?')[0])));
    const apart = ['pages/checkin/report/index', 'pages/login/index'];
    expect(declared.filter((p) => !apart.includes(p) && !visited.has(p))).toEqual([]);
    await seedLongTexts(base);

    const findings: Finding[] = [];
    const tooSmall: string[] = [];
    let checked = 0;
    // The login page, before anyone signs in.
    {
      const page = await (await phone(story.browser)).newPage();
      await page.goto(`${base}/#/pages/login/index`);
      await page.locator('[data-openid]').first().waitFor();
      await settle(page);
      findings.push(...(await axeFindings(page, 'login')));
      await shoot(page, 'a11y-default-login');
      checked++;
      await page.context().close();
    }
    for (const [openid, pages] of Object.entries(visits)) {
      const page = await (await phone(story.browser)).newPage();
      await loginAs(page, base, openid);
      for (const mode of ['default', 'elder'] as const) {
        if (mode === 'elder') {
          // The switch in 我的 turns elder mode on for every page after it.
          await page.goto(`${base}/#/pages/mine/index`);
          await page.getByTestId('elder-switch').click();
          await page.locator('.page.elder:visible').first().waitFor();
        }
        for (const visit of pages) {
          await page.goto(`${base}/#/${visit.path}`);
          await settle(page, visit.path);
          const name = `${visit.name} (${mode}, ${openid})`;
          findings.push(...(await axeFindings(page, name)));
          const m = await measure(page);
          // H5 has no navigation bar: every page but the tabs shows its title and a way back.
          const tab = /^pages\/(index|mine|inbox)\//.test(visit.path);
          if (!tab && !(await page.locator('.h5-header:visible .h5-back').count()))
            tooSmall.push(`${name}: no H5 header with a way back`);
          for (const b of m.narrowButtons) tooSmall.push(`${name}: button ${b.w}px wide 「${b.text}」`);
          for (const t of m.wrappedTags) tooSmall.push(`${name}: tag on two lines 「${t}」`);
          if (mode === 'elder') {
            for (const s of m.body18) tooSmall.push(`${name}: body text ${s.px}px 「${s.text}」`);
            for (const s of m.labels16) tooSmall.push(`${name}: label ${s.px}px 「${s.text}」`);
            for (const b of m.lowButtons) tooSmall.push(`${name}: button ${b.h}px high 「${b.text}」`);
          } else {
            for (const s of m.body16) tooSmall.push(`${name}: body text ${s.px}px 「${s.text}」`);
          }
          await shoot(page, `a11y-${mode}-${visit.name}`);
          checked++;
          if (visit.name === 'whistle-stats' && mode === 'default') {
            // The month picker runs from the first month to this one, not to 2999.
            await page.getByTestId('month').click();
            const years = page.locator('.weui-picker__item:visible');
            await years.first().waitFor();
            const shown = (await years.allInnerTexts()).map((t) => t.trim());
            expect(shown.some((t) => t.startsWith('2025'))).toBe(true);
            expect(shown.filter((t) => /^\d{4}/.test(t) && Number(t.slice(0, 4)) > new Date().getFullYear())).toEqual(
              [],
            );
            await shoot(page, 'a11y-default-whistle-stats-picker');
            await page.locator('.weui-picker__action:visible', { hasText: '取消' }).click();
          }
          const opener = inlineForms[visit.name];
          const openerButton = page.locator('.nut-button:visible', { hasText: opener ?? '' }).first();
          if (opener && (await openerButton.count())) {
            // The same page with an inline form open (a reason, a note): the buttons beside it keep their width.
            await openerButton.click();
            await page.locator('.inline-form:visible').first().waitFor();
            const open = await measure(page);
            for (const b of open.narrowButtons)
              tooSmall.push(`${name}, ${opener} open: button ${b.w}px wide 「${b.text}」`);
            findings.push(...(await axeFindings(page, `${name}, ${opener} open`)));
            await shoot(page, `a11y-${mode}-${visit.name}-form`);
          }
        }
      }
      await page.context().close();
    }
    // A page opened from a link has no page before it: its header goes home.
    {
      const page = await (await phone(story.browser)).newPage();
      await loginAs(page, base, 'demo-member');
      await page.goto(`${base}/#/pages/wish/wall/index`);
      await page.locator('.h5-back:visible', { hasText: '首页' }).click();
      await page.waitForURL(/pages\/index\/index/);
      await page.context().close();
    }
    const report = findings.map((f) => `${f.page}: [${f.impact}] ${f.rule} — ${f.help}\n    ${f.nodes.join('\n    ')}`);
    console.log(`axe: ${checked} page views checked, ${findings.length} serious/critical violations`);
    expect({ violations: report, tooSmall }).toEqual({ violations: [], tooSmall: [] });
  });
});
