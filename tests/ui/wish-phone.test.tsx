import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import MyClaims from '../../miniprogram/pages/wish/claims/index';

jest.mock('../../miniprogram/api/call', () => ({
  ...jest.requireActual('../../miniprogram/api/call'),
  call: jest.fn(),
}));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { call } = require('../../miniprogram/api/call') as { call: jest.Mock };

const wish = (id: string, title: string, residentPhone: string, phoneConsent: boolean) => ({
  id,
  title,
  description: '帮忙修理漏水的水龙头',
  category: '生活帮扶',
  status: 'claimed',
  points: 10,
  communityName: '华中社区',
  gridName: '第一网格',
  unitName: '01栋1单元',
  residentName: null,
  residentPhone,
  phoneConsent,
  claimantName: '张明',
  claimedAt: '2026-11-27T01:00:00.000Z',
  claimExpiresAt: '2026-12-04T01:00:00.000Z',
  fulfilNote: null,
  photo: null,
  fulfilPhoto: null,
  reason: null,
  thanks: null,
  createdAt: '2026-11-26T01:00:00.000Z',
  history: [],
});

describe('the claimant and the resident’s phone', () => {
  test('a resident who agreed can be called; one who did not shows a masked number and no call button', async () => {
    (Taro as unknown as { makePhoneCall: jest.Mock }).makePhoneCall = jest.fn(async () => undefined);
    call.mockResolvedValue({
      items: [wish('w1', '修水龙头', '13600001111', true), wish('w2', '换灯泡', '136****2222', false)],
      next: null,
    });
    render(<MyClaims />);
    await screen.findByText('修水龙头');
    const calls = screen.getAllByText('打电话');
    expect(calls).toHaveLength(1);
    fireEvent.click(calls[0] as HTMLElement);
    expect((Taro as unknown as { makePhoneCall: jest.Mock }).makePhoneCall).toHaveBeenCalledWith({
      phoneNumber: '13600001111',
    });
    const phones = screen.getAllByTestId('resident-phone').map((p) => p.textContent);
    expect(phones).toEqual([
      '联系电话：13600001111（居民同意您致电）',
      '联系电话：136****2222（居民未公开完整号码，可请社区转达）',
    ]);
  });
});

describe('posting a wish', () => {
  test('the resident chooses whether the claimant may call; the choice goes with the wish', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const PostWish = (require('../../miniprogram/pages/wish/post/index') as { default: () => JSX.Element }).default;
    call.mockReset();
    call.mockImplementation(async (_fn: string, action: string) => {
      if (action === 'places') return { communities: [], grids: [], units: [], departments: [] };
      if (action === 'postWish') return { wish: wish('w3', '修水龙头', '13600001111', true) };
      throw new Error(`unexpected ${action}`);
    });
    render(<PostWish />);
    expect(screen.getByTestId('consent-hint').textContent).toContain('隐藏中间四位');
    fireEvent.click(screen.getByLabelText('允许认领的党员给我打电话'));
    expect(screen.getByTestId('consent-hint').textContent).toContain('完整号码');
    fireEvent.click(screen.getByText('提交心愿'));
    await screen.findByText('提交心愿');
    const posted = call.mock.calls.find((c) => c[1] === 'postWish');
    expect(posted?.[2]).toMatchObject({ phoneConsent: true });
  });
});
