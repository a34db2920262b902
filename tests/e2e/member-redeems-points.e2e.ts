import { loginAs, phone, shoot, storyApp } from './support/app';
import { confirmDialog } from './support/dialog';

jest.setTimeout(120_000);

/** The story of points: a member logs hours, the unit leader confirms, the member redeems, the station hands it over. */
describe('a member earns points and redeems them', () => {
  const story = storyApp();

  test('log → confirm → redeem → hand over', async () => {
    const member = await (await phone(story.browser)).newPage();
    await loginAs(member, story.app.base, 'demo-member');
    await member.getByText('我的积分').first().click();
    await member.getByTestId('balance').getByText('0').waitFor();
    await member.locator('.nut-button', { hasText: '登记服务' }).click();
    await member.locator('input[name="description"]').fill('清理楼道杂物');
    for (const [field, option] of [
      ['pick-grid', '第一网格'],
      ['pick-unit', '01栋1单元'],
      ['pick-hours', '2 小时'],
    ]) {
      await member.getByTestId(field as string).click();
      await member
        .getByTestId(`${field}-option`)
        .filter({ hasText: option as string })
        .click();
    }
    await shoot(member, '40-member-log-service');
    await member.locator('.nut-button', { hasText: '提交' }).click();
    await member.getByText('服务记录').click();
    await member.getByTestId('service').filter({ hasText: '清理楼道杂物' }).getByText('待确认').waitFor();
    await shoot(member, '41-member-service-pending');

    const leader = await (await phone(story.browser)).newPage();
    await loginAs(leader, story.app.base, 'demo-unitleader');
    await leader.getByText('确认服务时长').first().click();
    const row = leader.locator('[data-testid="pending-service"][data-name="张明"]');
    await row.waitFor();
    await shoot(leader, '42-unit-leader-confirm');
    await row.locator('.nut-button', { hasText: '确认' }).last().click();
    await row.waitFor({ state: 'detached' });

    await member.reload();
    await member.getByTestId('balance').getByText('20').waitFor();
    await shoot(member, '43-member-balance');
    await member.locator('.nut-button', { hasText: '积分超市' }).click();
    const bag = member.locator('[data-testid="item"][data-name="环保购物袋"]');
    await bag.locator('.nut-button', { hasText: '兑换' }).click();
    await member.locator('.taro-modal__foot, .taro-modal__btn-primary, button', { hasText: '确定' }).first().click();
    const order = member.locator('[data-testid="order"][data-item="环保购物袋"]');
    await order.getByText('待领取').waitFor();
    const code = (await order.getByTestId('pickup-code').innerText()).trim();
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    await shoot(member, '44-member-order-code');

    const station = await (await phone(story.browser)).newPage();
    await loginAs(station, story.app.base, 'demo-station');
    await station.getByText('积分管理').first().click();
    await station.locator('input[name="pickupCode"]').fill(code);
    await station.locator('.nut-button', { hasText: '核销' }).last().click();
    await confirmDialog(station, '核销领取');
    await station.getByTestId('handed').getByText('张明 · 环保购物袋').waitFor();
    await shoot(station, '45-station-hand-over');

    await member.reload();
    await order.getByText('已领取').waitFor();
    await member.goto(`${story.app.base}/#/pages/points/mine/index`);
    await member.getByTestId('balance').getByText('0').waitFor();
    await shoot(member, '46-member-ledger');
  });
});
