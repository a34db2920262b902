import { api, loginAs, phone, shoot, storyApp } from './support/app';
import { confirmDialog } from './support/dialog';

jest.setTimeout(120_000);

/** 吹哨报到: a resident reports, the station whistles, the department acknowledges and responds, the station confirms, the resident rates. */
describe('the station whistles and a department reports in', () => {
  const story = storyApp();

  test('report → whistle → acknowledge → respond → confirm → rate', async () => {
    const resident = await (await phone(story.browser)).newPage();
    await loginAs(resident, story.app.base, 'demo-resident');
    await resident.getByText('反映问题').first().click();
    await resident.getByText('还没有反映过问题').waitFor();
    await resident.locator('.nut-button', { hasText: '反映新问题' }).click();
    for (const [field, option] of [
      ['pick-category', '环境卫生'],
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
    await resident.locator('textarea[name="description"]').fill('3栋楼下垃圾堆放多日无人清运，气味很大');
    await resident.locator('input[name="phone"]').fill('13600002222');
    await shoot(resident, '50-resident-report-form');
    await resident.locator('.nut-button', { hasText: '提交' }).click();
    const mine = resident.getByTestId('problem').filter({ hasText: '3栋楼下垃圾' });
    await mine.getByText('待处理').waitFor();

    const station = await (await phone(story.browser)).newPage();
    await loginAs(station, story.app.base, 'demo-station');
    await station.getByText('问题台账').first().click();
    const item = station.getByTestId('problem').filter({ hasText: '3栋楼下垃圾' });
    await item.getByText('13600002222').waitFor();
    await item.locator('.nut-button', { hasText: '吹哨' }).click();
    await item.getByTestId('dept-option').filter({ hasText: '区城管局' }).click();
    await item.getByTestId('pick-lead').click();
    await item.getByTestId('pick-lead-option').filter({ hasText: '区城管局' }).click();
    await shoot(station, '51-station-whistle');
    await item.locator('.nut-button', { hasText: '确认吹哨' }).click();
    await item.waitFor({ state: 'detached' });

    const dept = await (await phone(story.browser)).newPage();
    await loginAs(dept, story.app.base, 'demo-department');
    await dept.getByText('吹哨报到').first().click();
    const whistle = dept.getByTestId('problem').filter({ hasText: '3栋楼下垃圾' });
    await whistle.waitFor();
    expect(await whistle.innerText()).not.toContain('13600002222');
    await shoot(dept, '52-department-whistle');
    await whistle.locator('.nut-button', { hasText: '报到' }).click();
    await whistle.getByText('部门已报到').waitFor();
    await whistle.locator('.nut-button', { hasText: '反馈结果' }).click();
    await whistle.locator('textarea').fill('已安排环卫车清运，并增加清运频次');
    await whistle.locator('.nut-button', { hasText: '提交结果' }).click();
    await whistle.waitFor({ state: 'detached' });

    await station.reload();
    await station.getByText('待确认').click();
    const answered = station.getByTestId('problem').filter({ hasText: '3栋楼下垃圾' });
    await answered.getByText('处理结果：已安排环卫车清运').waitFor();
    await shoot(station, '53-station-confirm');
    await answered.locator('.nut-button', { hasText: '确认办结' }).click();
    await confirmDialog(station, '问题已解决');
    await answered.waitFor({ state: 'detached' });

    await resident.reload();
    await mine.getByText('已办结').waitFor();
    await mine.locator('.nut-button', { hasText: '满意' }).last().click();
    await mine.getByText('已评价').waitFor();
    await mine.getByText('查看进展').click();
    await shoot(resident, '54-resident-rated');
    await resident.goto(`${story.app.base}/#/pages/inbox/index`);
    await resident.getByTestId('message').filter({ hasText: '您反映的问题已办结' }).waitFor();
    await shoot(resident, '55-resident-inbox');

    const district = await (await phone(story.browser)).newPage();
    await loginAs(district, story.app.base, 'demo-district');
    await district.getByText('吹哨报到统计').first().click();
    await district.getByTestId('dept-stat').filter({ hasText: '区城管局' }).waitFor();
    await shoot(district, '56-district-stats');
  });

  test('the station merges a duplicate into an open report nearby', async () => {
    const first = await api(story.app.base, 'demo-resident', 'report', 'submitProblem', {
      category: '市政设施',
      description: '小区门口路灯不亮已经一周了',
      unitId: 'huazhongg2u1',
      phone: '13600003333',
    });
    await api(story.app.base, 'demo-station', 'report', 'triage', {
      problemId: first.problem.id,
      action: 'solveInStation',
    });
    await api(story.app.base, 'demo-member', 'report', 'submitProblem', {
      category: '市政设施',
      description: '门口路灯坏了晚上很黑',
      unitId: 'huazhongg2u2',
      phone: '13600004444',
    });
    const station = await (await phone(story.browser)).newPage();
    await loginAs(station, story.app.base, 'demo-station');
    await station.getByText('问题台账').first().click();
    const dup = station.getByTestId('problem').filter({ hasText: '门口路灯坏了' });
    await dup.locator('.nut-button', { hasText: '合并' }).click();
    await dup.getByTestId('pick-merge').click();
    await dup.getByTestId('pick-merge-option').filter({ hasText: '小区门口路灯不亮' }).click();
    await shoot(station, '57-station-merge');
    await dup.locator('.nut-button', { hasText: '确认合并' }).click();
    await dup.waitFor({ state: 'detached' });
    await station.getByText('站内办理', { exact: true }).click();
    await station.getByTestId('problem').filter({ hasText: '小区门口路灯不亮' }).getByText('1人也遇到').waitFor();
  });
});
