import { api, loginAs, phone, shoot, storyApp } from './support/app';
import { confirmDialog } from './support/dialog';

jest.setTimeout(180_000);

/**
 * Issue 15's pairing story: the district issues the notice; the organisation picks its community and asks;
 * the station accepts; the organisation logs a visit and sees 1/2 for the year.
 */
describe('an organisation pairs with its community and logs a visit', () => {
  const story = storyApp();

  test('notice → request → accept → visit', async () => {
    const { base } = story.app;
    const district = await (await phone(story.browser)).newPage();
    await loginAs(district, base, 'demo-district');
    await district.locator('[data-testid="home-cell"][data-title="结对共建"]').click();
    await district.locator('.nut-button:visible', { hasText: '发布结对通知' }).click();
    const form = district.locator('[data-testid="notice-form"]:visible');
    await form.locator('input[name="title"]').fill('关于开展机关单位与社区结对共建的通知');
    await form.locator('.nut-button', { hasText: '发布' }).click();
    await confirmDialog(district, '5个工作日');
    await district.locator('[data-testid="notice-summary"]:visible', { hasText: '待结对' }).waitFor();
    await shoot(district, '90-district-pairing-notice');

    const org = await (await phone(story.browser)).newPage();
    await loginAs(org, base, 'demo-orgadmin');
    await org.locator('[data-testid="todo-item"]:visible', { hasText: '结对共建待完成' }).click();
    const ask = org.locator('[data-testid="pairing-request"]:visible');
    await ask.getByTestId('pick-community').click();
    await org.locator('[data-testid="pick-community-option"]:visible', { hasText: '华中社区' }).click();
    await ask.locator('.nut-button', { hasText: '申请结对' }).click();
    await org.locator('[data-testid="my-pairing"][data-status="requested"]:visible').waitFor();

    const station = await (await phone(story.browser)).newPage();
    await loginAs(station, base, 'demo-station');
    await station.locator('[data-testid="todo-item"]:visible', { hasText: '结对申请待确认' }).click();
    const item = station.locator('[data-testid="pairing"]:visible').first();
    await item.waitFor();
    await shoot(station, '91-station-pairing-request');
    await item.locator('.nut-button', { hasText: '接受结对' }).click();
    await confirmDialog(station, '结对共建');
    await station.locator('[data-testid="pairing"]:visible').first().waitFor({ state: 'detached' });

    await org.goto(`${base}/#/pages/index/index`);
    await org.reload();
    await org.locator('[data-testid="home-cell"][data-title="结对共建"]').click();
    const visit = org.locator('[data-testid="visit-form"]:visible');
    await visit.waitFor();
    await visit.locator('input[name="membersPresent"]').fill('12');
    await visit.locator('input[name="problemsSolved"]').fill('2');
    await visit.locator('textarea, input[name="note"]').first().fill('清理楼道杂物，修好3栋路灯');
    await visit.locator('.nut-button', { hasText: '登记' }).click();
    await org.locator('[data-testid="visit-count"]:visible', { hasText: '1/2' }).waitFor();
    await org.locator('[data-testid="visit"]:visible', { hasText: '修好3栋路灯' }).waitFor();
    await shoot(org, '92-org-pairing-visit');
    const mine = await api(base, 'demo-orgadmin', 'org', 'pairings', {});
    expect(mine.items[0]).toMatchObject({ status: 'paired', communityName: '华中社区', visits: 1, problemsSolved: 2 });
  });
});
