import { reviewSummary } from '@shared/points/points.rules';

/** Issue 12, defect 15: a batch review says how many went through and why the others did not. */
describe('reviewSummary', () => {
  test('all through', () => {
    expect(
      reviewSummary('confirm', [
        { ok: true, code: null },
        { ok: true, code: null },
      ]),
    ).toEqual({
      title: '已确认2条',
      failed: [],
    });
  });
  test('some refused, grouped by reason in words', () => {
    expect(
      reviewSummary('confirm', [
        { ok: true, code: null },
        { ok: false, code: 'POINTS.SELF_CONFIRM' },
        { ok: false, code: 'POINTS.ALREADY_REVIEWED' },
        { ok: false, code: 'POINTS.ALREADY_REVIEWED' },
      ]),
    ).toEqual({ title: '已确认1条，3条未确认', failed: ['1条：不能确认自己的服务时长', '2条：该记录已处理过'] });
  });
  test('rejections say so', () => {
    expect(reviewSummary('reject', [{ ok: false, code: 'NOT_FOUND' }]).title).toBe('已驳回0条，1条未驳回');
  });
});
