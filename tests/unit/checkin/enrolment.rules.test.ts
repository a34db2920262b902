import { isActive, planSubmission, type EnrolmentStatus } from '@shared/checkin/enrolment.rules';
import { communityToken, verifyCommunityToken } from '../../../cloudfunctions/core/runtime/codes';

describe('planSubmission', () => {
  test.each<[EnrolmentStatus | null, string]>([
    [null, 'create'],
    ['pending', 'unchanged'],
    ['approved', 'unchanged'],
    ['rejected', 'resubmit'],
    ['withdrawn', 'resubmit'],
    ['moved', 'resubmit'],
  ])('existing %s → %s', (status, kind) => {
    expect(planSubmission(status ? { status } : null).kind).toBe(kind);
    if (status) expect(isActive(status)).toBe(kind === 'unchanged');
  });
});

describe('community code token', () => {
  const secret = 'k'.repeat(32);
  test.each(['a', 'huazhong', 'abcdefghijklmn'])('%s fits a 32-character scene and verifies', (id) => {
    const token = communityToken(secret, id);
    expect(token.length).toBeLessThanOrEqual(32);
    expect(token).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(verifyCommunityToken(secret, token)).toBe(id);
  });
  test.each([
    ['another secret', (t: string) => communityToken('other', 'huazhong') || t],
    ['changed id', (t: string) => t.replace('huazhong', 'huazhonh')],
    ['changed signature', (t: string) => t.slice(0, -1) + (t.endsWith('A') ? 'B' : 'A')],
    ['truncated', (t: string) => t.slice(0, -2)],
    ['empty', () => ''],
  ])('%s is refused', (_name, mutate) => {
    expect(verifyCommunityToken(secret, mutate(communityToken(secret, 'huazhong')))).toBeNull();
  });
  test('ids that cannot fit are refused at signing', () => {
    expect(() => communityToken(secret, 'abcdefghijklmno')).toThrow();
    expect(() => communityToken(secret, 'Upper')).toThrow();
  });
});
