import { act, render, screen } from '@testing-library/react';
import { lifecycle } from './mocks/taro';
import ActivityPage from '../../miniprogram/pages/checkin/activity/index';

jest.mock('../../miniprogram/api/call', () => ({
  ...jest.requireActual('../../miniprogram/api/call'),
  call: jest.fn(),
}));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { call } = require('../../miniprogram/api/call') as { call: jest.Mock };

const activity = {
  id: 'a1',
  title: '主题党日·楼道清洁',
  phase: 'ongoing',
  status: 'closed',
  startAt: '2026-11-27T01:00:00.000Z',
  endAt: '2026-11-27T05:00:00.000Z',
  place: '党群服务中心',
  signed: 2,
  capacity: 50,
  organiserName: '陈静',
  radiusM: null,
  mySignUp: false,
};
const row = (id: string, name: string) => ({
  id,
  name,
  checkInAt: '2026-11-27T01:10:00.000Z',
  checkOutAt: null,
  hours: null,
  corrected: false,
  correctionNote: null,
});

describe('the organiser’s activity page', () => {
  test('pull-to-refresh refreshes the attendance list, not only the activity', async () => {
    (globalThis as { routerParams?: Record<string, string> }).routerParams = { id: 'a1' };
    let attendance = [row('t1', '张明')];
    call.mockImplementation(async (_fn: string, action: string) => {
      if (action === 'activityDetail') return { activity, canManage: true, mine: null };
      if (action === 'activityAttendance') return { items: attendance, next: null };
      throw new Error(`unexpected ${action}`);
    });
    render(<ActivityPage />);
    await screen.findByText('签到名单（1人）');
    attendance = [row('t1', '张明'), row('t2', '李华')];
    await act(async () => {
      for (const refresh of lifecycle.pullDownRefresh ?? []) refresh();
    });
    await screen.findByText('签到名单（2人）');
    expect(screen.getByText('李华')).toBeTruthy();
  });
});
