import { join } from 'node:path';
import { loginAs, phone, shoot, storyApp } from './support/app';
import { confirmDialog } from './support/dialog';

jest.setTimeout(120_000);

/** The story of a micro-wish: a resident posts, the station approves, a member claims and fulfils, the resident confirms. */
describe('a member fulfils a resident’s wish', () => {
  const story = storyApp();

  test('post → approve → claim → fulfil → confirm → thanks', async () => {
    const title = '帮忙修理漏水的水龙头';
    const resident = await (await phone(story.browser)).newPage();
    await loginAs(resident, story.app.base, 'demo-resident');
    await resident.getByText('我的微心愿').first().click();
    await resident.getByText('还没有发布心愿').waitFor();
    await shoot(resident, '30-resident-no-wishes');
    await resident.locator('.nut-button', { hasText: '发布新心愿' }).click();
    await resident.locator('input[name="title"]').fill(title);
    await resident.locator('textarea[name="description"]').fill('厨房水龙头一直滴水，家里只有老人，希望有人帮忙修一下');
    for (const [field, option] of [
      ['pick-category', '维修服务'],
      ['pick-community', '华中社区'],
      ['pick-grid', '第一网格'],
      ['pick-unit', '01栋1单元'],
    ]) {
      await resident.getByTestId(field as string).click();
      await resident
        .getByTestId(`${field}-option`)
        .filter({ hasText: option as string })
        .click();
    }
    await resident.locator('input[name="phone"]').fill('13600001111');
    const [chooser] = await Promise.all([
      resident.waitForEvent('filechooser'),
      resident.getByTestId('photo-add').click(),
    ]);
    await chooser.setFiles(join(__dirname, '../../miniprogram/assets/tab-home-active.png'));
    await resident.getByTestId('photo-preview').waitFor();
    await shoot(resident, '31-resident-wish-form');
    await resident.locator('.nut-button', { hasText: '提交心愿' }).click();
    await resident.locator(`[data-testid="wish"][data-title="${title}"]`).getByText('待审核').waitFor();
    await shoot(resident, '32-resident-wish-pending');

    const station = await (await phone(story.browser)).newPage();
    await loginAs(station, story.app.base, 'demo-station');
    await station.getByText('心愿审核').first().click();
    const pending = station.locator(`[data-testid="wish"][data-title="${title}"]`);
    await pending.getByText('13600001111').waitFor();
    await shoot(station, '33-station-wish-review');
    await pending.locator('.nut-button', { hasText: '通过' }).click();
    await confirmDialog(station, '通过审核');
    await pending.waitFor({ state: 'detached' });

    const member = await (await phone(story.browser)).newPage();
    await loginAs(member, story.app.base, 'demo-member');
    await member.getByText('心愿墙').first().click();
    const open = member.locator(`[data-testid="wish"][data-title="${title}"]`);
    await open.waitFor();
    await open.getByTestId('wish-photo').waitFor();
    // The photo comes by a URL the view signed for this member (storage serves nothing else), and it loads.
    await member.waitForFunction((t) => {
      const host = document.querySelector(`[data-testid="wish"][data-title="${t}"] [data-testid="wish-photo"]`);
      const img = (host?.tagName === 'IMG' ? host : host?.querySelector('img')) as HTMLImageElement | null;
      return !!img && img.complete && img.naturalWidth > 0 && /\?exp=\d+&sig=[a-f0-9]{32}$/.test(img.src);
    }, title);
    expect(await open.innerText()).not.toContain('13600001111');
    expect(await open.innerText()).not.toContain('王秀英');
    await shoot(member, '34-member-wish-wall');
    await open.locator('.nut-button', { hasText: '认领心愿' }).click();
    await open.waitFor({ state: 'detached' });
    await member.goto(`${story.app.base}/#/pages/wish/claims/index`);
    const mine = member.locator(`[data-testid="wish"][data-title="${title}"]`);
    await mine.getByText('136****1111').waitFor();
    await mine.locator('.nut-button', { hasText: '已完成' }).click();
    await mine.locator('textarea').fill('已更换水龙头阀芯，不再滴水');
    const [done1] = await Promise.all([member.waitForEvent('filechooser'), mine.getByTestId('photo-add').click()]);
    await done1.setFiles(join(__dirname, '../../miniprogram/assets/tab-mine-active.png'));
    await mine.getByTestId('photo-preview').waitFor();
    await mine.locator('.nut-button', { hasText: '提交完成' }).click();
    await mine.getByText('待确认').waitFor();
    await shoot(member, '35-member-wish-fulfilled');

    await resident.reload();
    const done = resident.locator(`[data-testid="wish"][data-title="${title}"]`);
    await done.getByText('待确认').waitFor();
    await done.locator('.nut-button', { hasText: '确认已完成' }).click();
    await confirmDialog(resident, '确认已完成');
    await done.getByText('已完成').waitFor();
    await done.locator('.nut-button', { hasText: '感谢党员' }).click();
    await done.locator('textarea').fill('谢谢张师傅！');
    await done.locator('.nut-button', { hasText: '送出感谢' }).click();
    await done.getByText('居民感谢：谢谢张师傅！').waitFor();
    await done.getByText('查看进展').click();
    await shoot(resident, '36-resident-wish-confirmed');
  });
});
