import Taro from '@tarojs/taro';
import { subscribeKindsTable } from '@shared/messages/notices';
import { askToBeTold } from '../../miniprogram/api/subscribe';

/** The deployment's template ids, as the build bakes them in (config/index.ts). */
(globalThis as Record<string, unknown>).HONGLING_TEMPLATES = {
  review: 'tmpl-review',
  progress: 'tmpl-progress',
  activity: 'tmpl-activity',
  notice: 'tmpl-notice',
};
/** The notice table's subscribe kinds, as the build bakes them in (config/index.ts). */
(globalThis as Record<string, unknown>).HONGLING_SUBSCRIBE_KINDS = subscribeKindsTable();

describe('asking to be told (订阅消息), right after the person’s own tap', () => {
  const request = Taro.requestSubscribeMessage as unknown as jest.Mock;
  const env = process.env.TARO_ENV;
  afterEach(() => {
    process.env.TARO_ENV = env;
    request.mockClear();
  });

  test('in the mini-program: the templates of the notices that follow, three at most', () => {
    process.env.TARO_ENV = 'weapp';
    askToBeTold('wish', 'owner');
    askToBeTold('activity', 'registered');
    askToBeTold('report', 'owner');
    expect(request.mock.calls.map(([o]) => (o as { tmplIds: string[] }).tmplIds)).toEqual([
      ['tmpl-review', 'tmpl-progress', 'tmpl-notice'],
      ['tmpl-activity', 'tmpl-notice'],
      ['tmpl-review'],
    ]);
  });

  test('in H5 nothing is asked (the inbox is how it is told)', () => {
    process.env.TARO_ENV = 'h5';
    askToBeTold('wish', 'owner');
    expect(request).not.toHaveBeenCalled();
  });
});
