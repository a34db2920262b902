import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { CallError } from '../../miniprogram/api/call';
import MyData from '../../miniprogram/pages/mine/data/index';

jest.mock('../../miniprogram/api/call', () => ({
  ...jest.requireActual('../../miniprogram/api/call'),
  call: jest.fn(),
}));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { call } = require('../../miniprogram/api/call') as { call: jest.Mock };

const empty = { items: [], next: null };
const data = {
  person: {
    name: '张明',
    phone: '13805560001',
    community: '华中社区',
    unit: '01栋2单元',
    org: '区财政局机关党支部',
    since: '2026-09-03T02:00:00.000Z',
  },
  roles: [{ role: 'member', scopeName: '华中社区' }],
  consent: { version: '2026-11-27', agreedAt: '2026-11-01T02:00:00.000Z' },
  balance: 30,
  messages: { total: 4, unread: 1 },
  lists: {
    reports: empty,
    attendance: empty,
    postClaims: empty,
    wishes: empty,
    claims: empty,
    services: empty,
    ledger: {
      items: [
        { id: 'e1', title: '服务积分：楼道清洁', status: '+30', at: '2026-11-20T02:00:00.000Z', lines: ['余额30'] },
      ],
      next: 'cursor-1',
    },
    orders: empty,
    problems: empty,
  },
};

/** 我的数据: what is held, a long list paged on its own, and 注销 refused with what to do first. */
describe('我的数据', () => {
  beforeEach(() => {
    call.mockReset();
    (Taro.showModal as jest.Mock).mockClear();
  });

  test('shows the person, the consent and each list; 加载更多 asks for that list only', async () => {
    call.mockImplementation(async (_fn: string, action: string, input: { list?: string }) => {
      if (action === 'myData' && !input.list) return data;
      if (action === 'myData' && input.list === 'ledger')
        return {
          ...data,
          lists: {
            ledger: {
              items: [
                { id: 'e0', title: '兑换：环保购物袋', status: '-20', at: '2026-11-10T02:00:00.000Z', lines: [] },
              ],
              next: null,
            },
          },
        };
      throw new Error(`unexpected ${action}`);
    });
    render(<MyData />);
    await screen.findByText('姓名：张明');
    expect(screen.getByText('手机号：13805560001')).toBeTruthy();
    expect(screen.getByTestId('data-consent').textContent).toContain('2026-11-27');
    fireEvent.click(screen.getByText('加载更多'));
    await screen.findByText('兑换：环保购物袋');
    expect(call).toHaveBeenLastCalledWith('org', 'myData', { list: 'ledger', cursor: 'cursor-1' });
    expect(screen.queryByText('加载更多')).toBeNull();
  });

  test('注销 asks first; refused, it lists what to do first; nothing is closed', async () => {
    call.mockImplementation(async (_fn: string, action: string) => {
      if (action === 'myData') return data;
      if (action === 'closeAccount')
        throw new CallError({
          code: 'ACCOUNT.CLOSE_BLOCKED',
          message: '',
          params: {
            reason:
              '您认领的心愿“买菜”还未完成，请先在“我认领的心愿”中完成或放弃；您兑换的“环保购物袋”还未领取，请先领取或在“我的兑换”中取消',
          },
        });
      throw new Error(`unexpected ${action}`);
    });
    render(<MyData />);
    await screen.findByText('姓名：张明');
    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true });
    await act(async () => void fireEvent.click(screen.getByText('注销账号', { selector: 'button' })));
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确定注销账号？' }));
    expect(call).not.toHaveBeenCalledWith('org', 'closeAccount', expect.anything());
    await act(async () => void fireEvent.click(screen.getByText('注销账号', { selector: 'button' })));
    const blocked = await screen.findByTestId('close-blocked');
    expect(blocked.textContent).toContain('您认领的心愿“买菜”还未完成');
    expect(blocked.textContent).toContain('您兑换的“环保购物袋”还未领取');
    expect(call).toHaveBeenCalledWith('org', 'closeAccount', { confirm: '确认注销' });
    expect(screen.queryByTestId('closed')).toBeNull();
  });

  test('closed: the phone forgets the consent, and the way out is offered', async () => {
    Taro.setStorageSync('hongling.consent', { who: 'wechat', version: '2026-11-27' });
    call.mockImplementation(async (_fn: string, action: string) => {
      if (action === 'myData') return data;
      if (action === 'closeAccount') return { closed: true };
      throw new Error(`unexpected ${action}`);
    });
    render(<MyData />);
    await screen.findByText('姓名：张明');
    await act(async () => void fireEvent.click(screen.getByText('注销账号', { selector: 'button' })));
    await screen.findByTestId('closed');
    expect(Taro.getStorageSync('hongling.consent')).toBe('');
    expect(screen.getByText('退出')).toBeTruthy();
  });
});
