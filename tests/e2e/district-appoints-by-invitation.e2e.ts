import type { Page } from 'playwright-core';
import { api, loginAs, phone, shoot, storyApp } from './support/app';
import { confirmDialog } from './support/dialog';

jest.setTimeout(180_000);

/**
 * Issue 15's story of appointments without a terminal: the district makes an invitation code for a new
 * station admin, who scans it and asks; the district approves from its to-do; the new station admin invites
 * a unit leader in turn, who asks and is approved.
 */
describe('the district appoints by invitation, and the new station does the same', () => {
  const story = storyApp();

  /** Makes a code on 人员与身份 → 邀请码 and answers the path it opens. */
  async function makeCode(page: Page, role: string, scope: string, shot: string): Promise<string> {
    await page.locator('[data-testid="home-cell"][data-title="人员与身份"]').click();
    await page.locator('.tab:visible', { hasText: '邀请码' }).click();
    await page.locator('.nut-button:visible', { hasText: '生成邀请码' }).click();
    const form = page.locator('[data-testid="invite-form"]:visible');
    await form.waitFor();
    await form.getByTestId('pick-role').click();
    await page.locator('[data-testid="pick-role-option"]:visible', { hasText: role }).click();
    await form.getByTestId('pick-scope').click();
    await page.locator('[data-testid="pick-scope-option"]:visible', { hasText: scope }).first().click();
    await form.locator('.nut-button', { hasText: '生成邀请码' }).click();
    const code = page.locator('[data-testid="invite-code"]:visible');
    await code.waitFor();
    await code.locator('img').first().waitFor();
    await shoot(page, shot);
    return (await code.getByTestId('invite-link').getAttribute('data-path')) as string;
  }

  /** The invited person opens the code's page, writes their name and phone, and asks. */
  async function ask(page: Page, path: string, name: string, mobile: string, shot: string): Promise<void> {
    await page.goto(`${story.app.base}/#/${path}`);
    const form = page.locator('[data-testid="join-form"]:visible');
    await form.waitFor();
    await form.locator('input[name="name"]').fill(name);
    await form.locator('input[name="phone"]').fill('123');
    await form.locator('.nut-button', { hasText: '提交申请' }).click();
    await form.getByText('请填写11位手机号').waitFor();
    await form.locator('input[name="phone"]').fill(mobile);
    await form.locator('.nut-button', { hasText: '提交申请' }).click();
    await page.locator('[data-testid="join-outcome"][data-status="requested"]:visible').waitFor();
    await shoot(page, shot);
  }

  /** A granter opens the request from the home's to-do and approves it. */
  async function approve(page: Page, name: string, shot: string): Promise<void> {
    await page.locator('[data-testid="todo-item"]:visible', { hasText: '身份申请待审批' }).click();
    const item = page.locator('[data-testid="invite"][data-status="requested"]:visible', { hasText: name });
    await item.waitFor();
    await shoot(page, shot);
    await item.locator('.nut-button', { hasText: '通过' }).click();
    await confirmDialog(page, name);
    await page.locator('[data-testid="invite"][data-status="approved"]:visible', { hasText: name }).waitFor();
  }

  test('station admin by the district, unit leader by the new station', async () => {
    const { base } = story.app;
    const district = await (await phone(story.browser)).newPage();
    await loginAs(district, base, 'demo-district');
    const stationCode = await makeCode(district, '社区红领工作站', '孝肃社区', '80-district-invite-code');

    const newcomer = await (await phone(story.browser)).newPage();
    await loginAs(newcomer, base, 'demo-resident');
    await ask(newcomer, stationCode, '王秀英', '13700005555', '81-newcomer-asked');

    await district.goto(`${base}/#/pages/index/index`);
    await district.reload();
    await approve(district, '王秀英', '82-district-approves');
    const me = await api(base, 'demo-resident', 'org', 'me', {});
    expect(me.grants).toContainEqual(expect.objectContaining({ role: 'stationAdmin', scopeName: '孝肃社区' }));

    // The new station admin's home now offers the station's work; they invite a unit leader.
    await newcomer.goto(`${base}/#/pages/index/index`);
    await newcomer.reload();
    const unitCode = await makeCode(newcomer, '单元长', '1单元', '83-station-invite-code');
    const leader = await (await phone(story.browser)).newPage();
    await loginAs(leader, base, 'demo-newmember');
    await ask(leader, unitCode, '李华', '13700006666', '84-leader-asked');
    await newcomer.goto(`${base}/#/pages/index/index`);
    await newcomer.reload();
    await approve(newcomer, '李华', '85-station-approves');
    const leaderMe = await api(base, 'demo-newmember', 'org', 'me', {});
    expect(leaderMe.grants).toContainEqual(expect.objectContaining({ role: 'unitLeader' }));
    // Both are told: the message opens 我的.
    const inbox = await api(base, 'demo-newmember', 'report', 'inbox', {});
    expect(inbox.items.map((m: { title: string }) => m.title)).toContain('身份申请已通过');

    // The station's list shows the new unit leader, with 撤销身份.
    await newcomer.locator('.tab:visible', { hasText: '身份名单' }).click();
    await newcomer.locator('.tab:visible', { hasText: '单元长' }).click();
    await newcomer.locator('[data-testid="holder"][data-name="李华"]:visible').waitFor();
    await shoot(newcomer, '86-station-holders');
  });
});
