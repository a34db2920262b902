import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import type { Page } from 'playwright-core';
import { api, loginAs, phone, shoot, storyApp } from './support/app';
import { confirmDialog } from './support/dialog';

jest.setTimeout(300_000);

/**
 * Issue 15's whole story, without a terminal after the first district admin: the district imports a new
 * community (with a grid, a unit and an organisation) from its xlsx; invites a station admin for it, who scans
 * and is approved; the new station invites a unit leader and switches the whistle deadline to 3 working days;
 * the district invites the new organisation's admin and issues the pairing notice; the organisation pairs
 * with the new community and logs a visit.
 */
describe('a new community runs from the app, start to finish', () => {
  const story = storyApp();

  async function home(page: Page, cell: string) {
    await page.goto(`${story.app.base}/#/pages/index/index`);
    await page.reload();
    await page.locator(`[data-testid="home-cell"][data-title="${cell}"]`).click();
  }

  /** 人员与身份 → 邀请码: a code for `role` over `scope`; answers the path it opens. */
  async function invite(page: Page, role: string, scope: string): Promise<string> {
    await home(page, '人员与身份');
    await page.locator('.tab:visible', { hasText: '邀请码' }).click();
    await page.locator('.nut-button:visible', { hasText: '生成邀请码' }).click();
    const form = page.locator('[data-testid="invite-form"]:visible');
    await form.getByTestId('pick-role').click();
    await page.locator('[data-testid="pick-role-option"]:visible', { hasText: role }).click();
    await form.getByTestId('pick-scope').click();
    await page.locator('[data-testid="pick-scope-option"]:visible', { hasText: scope }).first().click();
    await form.locator('.nut-button', { hasText: '生成邀请码' }).click();
    const code = page.locator('[data-testid="invite-code"]:visible');
    await code.waitFor();
    return (await code.getByTestId('invite-link').getAttribute('data-path')) as string;
  }

  /** The invited person scans and asks; the granter approves from the to-do. */
  async function askAndApprove(granter: Page, who: Page, path: string, name: string, mobile: string) {
    await who.goto(`${story.app.base}/#/${path}`);
    const form = who.locator('[data-testid="join-form"]:visible');
    await form.locator('input[name="name"]').fill(name);
    await form.locator('input[name="phone"]').fill(mobile);
    await form.locator('.nut-button', { hasText: '提交申请' }).click();
    await who.locator('[data-testid="join-outcome"][data-status="requested"]:visible').waitFor();
    await granter.goto(`${story.app.base}/#/pages/index/index`);
    await granter.reload();
    await granter.locator('[data-testid="todo-item"]:visible', { hasText: '身份申请待审批' }).click();
    const item = granter.locator('[data-testid="invite"][data-status="requested"]:visible', { hasText: name });
    await item.locator('.nut-button', { hasText: '通过' }).click();
    await confirmDialog(granter, name);
    await granter.locator('[data-testid="invite"][data-status="approved"]:visible', { hasText: name }).waitFor();
  }

  test('import → invite → appoint → rules → pairing → visit', async () => {
    const { base } = story.app;
    const dir = mkdtempSync(join(tmpdir(), 'hongling-district-'));
    const district = await (await phone(story.browser)).newPage();
    await loginAs(district, base, 'demo-district');

    // 1. The tree: export, add 人民路社区 with a grid, a unit and an organisation, import.
    await district.getByTestId('home-grid').getByText('组织架构').click();
    await district.getByTestId('tree-files').waitFor();
    const [download] = await Promise.all([
      district.waitForEvent('download'),
      district.locator('.nut-button:visible', { hasText: '导出' }).click(),
    ]);
    const exported = join(dir, 'tree.xlsx');
    await download.saveAs(exported);
    const wb = new Workbook();
    await wb.xlsx.load(readFileSync(exported) as unknown as ArrayBuffer);
    wb.getWorksheet('社区')!.addRow(['renmin', '人民路社区', '']);
    wb.getWorksheet('网格')!.addRow(['renming1', '人民路第一网格', 1, 'renmin', '']);
    wb.getWorksheet('单元')!.addRow(['renming1u1', '人民路1栋1单元', 1, 'renming1', '']);
    wb.getWorksheet('报到单位')!.addRow(['orgrenmin', '区审计局机关党支部', '']);
    const edited = join(dir, 'edited.xlsx');
    await wb.xlsx.writeFile(edited);
    const [chooser] = await Promise.all([
      district.waitForEvent('filechooser'),
      district.locator('.nut-button:visible', { hasText: '导入' }).click(),
    ]);
    await chooser.setFiles(edited);
    const report = district.locator('[data-testid="import-report"]:visible');
    await report.waitFor();
    // The report says what was wrong, if anything was; here it says what was added.
    expect(await report.innerText()).toContain('社区：新增1');
    expect(await report.getAttribute('data-written')).toBe('true');
    await district.locator('[data-testid="place"]:visible', { hasText: '人民路社区' }).waitFor();

    // 2. A station admin for it, by invitation.
    const station = await (await phone(story.browser)).newPage();
    await loginAs(station, base, 'demo-resident');
    await askAndApprove(
      district,
      station,
      await invite(district, '社区红领工作站', '人民路社区'),
      '王秀英',
      '13700005555',
    );
    expect((await api(base, 'demo-resident', 'org', 'me', {})).grants).toContainEqual(
      expect.objectContaining({ role: 'stationAdmin', scopeId: 'renmin' }),
    );

    // 3. The new station invites a unit leader, and counts its deadlines in working days.
    const leader = await (await phone(story.browser)).newPage();
    await loginAs(leader, base, 'demo-newmember');
    await askAndApprove(station, leader, await invite(station, '单元长', '人民路1栋1单元'), '李华', '13700006666');
    await home(station, '社区设置');
    const settings = station.getByTestId('settings-form');
    await settings.waitFor();
    await station.getByTestId('pick-rule').click();
    await station.getByTestId('pick-rule-option').filter({ hasText: '按工作日' }).click();
    await settings.locator('input[name="ruleAmount"]').fill('3');
    await settings.locator('.nut-button', { hasText: '保存设置' }).click();
    await station.getByText('本社区设置').first().waitFor();
    expect((await api(base, 'demo-resident', 'org', 'settings', {})).values.deadlineRule).toEqual({
      kind: 'workdays',
      days: 3,
    });

    // 4. The new organisation's admin, by invitation; the pairing notice.
    const org = await (await phone(story.browser)).newPage();
    await loginAs(org, base, 'demo-member');
    await askAndApprove(
      district,
      org,
      await invite(district, '报到单位党支部', '区审计局机关党支部'),
      '张明',
      '13700007777',
    );
    await home(district, '结对共建');
    await district.locator('.nut-button:visible', { hasText: '发布结对通知' }).click();
    const notice = district.locator('[data-testid="notice-form"]:visible');
    await notice.locator('input[name="title"]').fill('关于开展机关单位与社区结对共建的通知');
    await notice.locator('.nut-button', { hasText: '发布' }).click();
    await confirmDialog(district, '5个工作日');
    await district.locator('[data-testid="pairing"][data-org="区审计局机关党支部"]:visible').waitFor();

    // 5. The organisation pairs with 人民路社区; the station accepts; the organisation logs a visit.
    await home(org, '结对共建');
    const ask = org.locator('[data-testid="pairing-request"]:visible');
    await ask.getByTestId('pick-community').click();
    await org.locator('[data-testid="pick-community-option"]:visible', { hasText: '人民路社区' }).click();
    await ask.locator('.nut-button', { hasText: '申请结对' }).click();
    await org.locator('[data-testid="my-pairing"][data-status="requested"]:visible').waitFor();
    await home(station, '结对共建');
    const request = station.locator('[data-testid="pairing"][data-org="区审计局机关党支部"]:visible');
    await request.locator('.nut-button', { hasText: '接受结对' }).click();
    await confirmDialog(station, '结对共建');
    await request.waitFor({ state: 'detached' });
    await home(org, '结对共建');
    const visit = org.locator('[data-testid="visit-form"]:visible');
    await visit.locator('input[name="membersPresent"]').fill('9');
    await visit.locator('input[name="problemsSolved"]').fill('1');
    await visit.locator('textarea, input[name="note"]').first().fill('帮助人民路社区清理小广告');
    await visit.locator('.nut-button', { hasText: '登记' }).click();
    await org.locator('[data-testid="visit-count"]:visible', { hasText: '1/2' }).waitFor();
    await shoot(org, '95-new-district-visit');
    const [mine] = (await api(base, 'demo-member', 'org', 'pairings', {})).items;
    expect(mine).toMatchObject({
      orgName: '区审计局机关党支部',
      communityName: '人民路社区',
      status: 'paired',
      visits: 1,
    });
  });
});
