import type { Page } from 'playwright-core';
import { beijingDate } from '@shared/core/time';
import { api, loginAs, phone, shoot, storyApp } from './support/app';
import { confirmDialog } from './support/dialog';

jest.setTimeout(180_000);

/**
 * People learn it is their turn from the app itself: the home's counts and to-do list, and messages that
 * open what they are about. Each step is done by the person whose turn it is, from what told them.
 */
describe('messages lead each person to their turn', () => {
  const story = storyApp();

  async function as(openid: string): Promise<Page> {
    const page = await (await phone(story.browser)).newPage();
    await loginAs(page, story.app.base, openid);
    return page;
  }

  /**
   * The home's badge on a grid cell (none when zero). The counts come after the grid (their own call): where a
   * count is expected, wait for its badge; a loaded machine answered once after the grid was read.
   */
  async function badge(page: Page, cell: string, expected = false): Promise<number> {
    await page.getByTestId('home-grid').waitFor();
    const found = page.locator(`[data-testid="home-cell"][data-title="${cell}"] [data-testid="home-badge"]`);
    if (expected) await found.waitFor();
    return (await found.count()) ? Number(await found.innerText()) : 0;
  }

  /**
   * Opens the inbox from the home, then the newest message titled `title`: it opens `path`, marking its record
   * when the page lists it.
   */
  async function openMessage(page: Page, title: string, path?: string): Promise<void> {
    await page.goto(`${story.app.base}/#/pages/index/index`);
    expect(await badge(page, '消息', true)).toBeGreaterThan(0);
    await page.locator('[data-testid="home-cell"][data-title="消息"]').click();
    const message = page.locator('[data-testid="message"]:visible').filter({ hasText: title }).first();
    await message.waitFor();
    expect(await message.getAttribute('data-read')).toBe('no');
    await message.click();
    if (path) await page.waitForURL(new RegExp(`#/${path}\\?id=`));
    else await page.locator('[data-testid="focused"]:visible').waitFor();
  }

  test('a wish: the member’s count, 已被认领 for the resident, thanks for the member', async () => {
    const title = '帮忙取一下快递';
    const wish = (
      await api(story.app.base, 'demo-resident', 'wish', 'postWish', {
        title,
        description: '腿脚不便，快递放在小区门口驿站，想请人帮忙取一下',
        category: '生活帮扶',
        unitId: 'huazhongg1u1',
        phone: '13600003333',
      })
    ).wish;
    // The station's home counts the wish waiting for review; its to-do opens the review list.
    const station = await as('demo-station');
    expect(await badge(station, '心愿审核', true)).toBeGreaterThanOrEqual(1);
    await station.locator('[data-testid="todo-item"][data-key="wish.review"]').click();
    const pending = station.locator(`[data-testid="wish"][data-title="${title}"]`);
    await pending.locator('.nut-button', { hasText: '通过' }).click();
    await confirmDialog(station, '通过审核');
    await pending.waitFor({ state: 'detached' });

    // The member's home shows the open wishes; the wall has it.
    const member = await as('demo-member');
    const open = (await api(story.app.base, 'demo-member', 'org', 'todo', {})).items.find(
      (i: { key: string }) => i.key === 'wish.open',
    ).count;
    expect(await badge(member, '心愿墙', open > 0)).toBe(open);
    await shoot(member, '60-member-home-counts');
    await member.locator('[data-testid="home-cell"][data-title="心愿墙"]').click();
    const card = member.locator(`[data-testid="wish"][data-title="${title}"]`);
    await card.locator('.nut-button', { hasText: '认领心愿' }).click();
    await card.waitFor({ state: 'detached' });

    // The resident hears it was claimed; the message opens the wish, now 已认领.
    const resident = await as('demo-resident');
    await openMessage(resident, '心愿已被认领');
    await resident.locator('[data-testid="focused"]:visible').getByText('已认领').waitFor();
    await shoot(resident, '61-resident-message-opens-wish');

    await api(story.app.base, 'demo-member', 'wish', 'fulfilWish', { wishId: wish.id, note: '已送到家门口' });
    await openMessage(resident, '心愿已完成，请确认');
    const done = resident.locator('[data-testid="focused"]:visible');
    await done.locator('.nut-button', { hasText: '确认已完成' }).click();
    await confirmDialog(resident, '确认已完成');
    await done.getByText('已完成').waitFor();
    await api(story.app.base, 'demo-resident', 'wish', 'thankWish', { wishId: wish.id, thanks: '太感谢了！' });

    // The member is told the wish was confirmed and that the resident said thanks.
    await openMessage(member, '居民向您致谢');
    await member.locator('[data-testid="focused"]:visible').waitFor();
    await member.goto(`${story.app.base}/#/pages/index/index`);
    await member.locator('[data-testid="home-cell"][data-title="消息"]').click();
    await member.locator('[data-testid="message"]:visible').filter({ hasText: '心愿已确认完成' }).waitFor();
    await shoot(member, '62-member-inbox');
    await member.locator('.nut-button', { hasText: '全部已读' }).click();
    await member.locator('[data-testid="unread"]:visible').waitFor({ state: 'detached' });
    expect(await member.locator('[data-testid="message"][data-read="no"]:visible').count()).toBe(0);
  });

  test('a 报到: the station’s to-do, the member told it was approved', async () => {
    const code = await api(story.app.base, 'demo-station', 'checkin', 'communityCode', {});
    await api(story.app.base, 'demo-newmember', 'checkin', 'submitReport', {
      token: code.token,
      name: '李华',
      phone: '13912345678',
      orgId: 'org1',
      unitId: 'huazhongg1u1',
    });
    const station = await as('demo-station');
    const todo = station.locator('[data-testid="todo-item"][data-key="enrolment.review"]');
    await todo.waitFor();
    await shoot(station, '63-station-todo');
    await todo.click();
    const item = station.locator('[data-testid="review-item"][data-name="李华"]');
    await item.locator('.nut-button', { hasText: '通过' }).click();
    await confirmDialog(station, '通过报到');
    const member = await as('demo-newmember');
    await openMessage(member, '报到已通过', 'pages/mine/index');
    await member.locator('[data-testid="my-report"]:visible').getByText('已报到').waitFor();
  });

  test('hours: the unit leader’s to-do, the member told they were confirmed', async () => {
    const date = beijingDate(new Date());
    await api(story.app.base, 'demo-member', 'points', 'logService', {
      description: '帮邻居搬运家具',
      unitId: 'huazhongg1u1',
      date,
      hours: 2,
    });
    const leader = await as('demo-unitleader');
    expect(await badge(leader, '确认服务时长', true)).toBeGreaterThanOrEqual(1);
    await leader.locator('[data-testid="todo-item"][data-key="service.confirm"]').click();
    const row = leader.locator('[data-testid="pending-service"]').filter({ hasText: '帮邻居搬运家具' });
    await row.locator('.nut-button', { hasText: '确认' }).last().click();
    await row.waitFor({ state: 'detached' });
    const member = await as('demo-member');
    await openMessage(member, '服务时长已确认', 'pages/points/mine/index');
  });

  test('an order: the station’s to-do and message, the member told it was handed over', async () => {
    const balance = (await api(story.app.base, 'demo-member', 'points', 'myPoints', {})).balance as number;
    expect(balance).toBeGreaterThanOrEqual(20);
    const { order } = await api(story.app.base, 'demo-member', 'points', 'redeem', {
      itemId: 'demoitem01',
      requestId: 'story-order-0001',
    });
    const station = await as('demo-station');
    await station.locator('[data-testid="todo-item"][data-key="order.pickup"]').waitFor();
    await openMessage(station, '新的兑换订单', 'pages/points/station/index');
    await api(story.app.base, 'demo-station', 'points', 'handOver', { pickupCode: order.pickupCode });
    const member = await as('demo-member');
    await openMessage(member, '兑换物品已领取');
    await member.locator('[data-testid="focused"]:visible').getByText('已领取').waitFor();
  });
});
