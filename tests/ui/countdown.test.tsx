import { countdown } from '../../miniprogram/hooks/countdown';

describe('countdowns to a deadline', () => {
  const now = Date.parse('2026-11-27T02:00:00.000Z');
  test.each([
    ['2026-11-29T05:00:00.000Z', '还剩2天3小时', false],
    ['2026-11-29T02:00:00.000Z', '还剩2天', false],
    ['2026-11-27T07:30:00.000Z', '还剩5小时', true],
    ['2026-11-27T02:20:00.000Z', '还剩20分钟', true],
    ['2026-11-27T02:00:20.000Z', '还剩1分钟', true],
    ['2026-11-27T02:00:00.000Z', '已超时', true],
    ['2026-11-26T02:00:00.000Z', '已超时', true],
  ])('due %s → %s', (due, text, urgent) => {
    expect(countdown(due, now)).toEqual({ text, urgent });
  });
});
