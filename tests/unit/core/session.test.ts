import { issueSession, verifySession } from '../../../local/session';

describe('development login session (local server only)', () => {
  const now = Date.parse('2026-11-26T00:00:00Z');
  test('round-trips an openid', () =>
    expect(verifySession('s', issueSession('s', 'demo-member', now), now)).toBe('demo-member'));
  test.each([
    ['another secret', issueSession('other', 'demo-member', now)],
    [
      'tampered openid',
      issueSession('s', 'demo-member', now).replace(/^[^.]+/, Buffer.from('demo-station').toString('base64url')),
    ],
    ['garbage', 'abc'],
  ])('%s is refused', (_n, token) => expect(verifySession('s', token, now)).toBeNull());
  test('expires after seven days', () => {
    const token = issueSession('s', 'demo-member', now);
    expect(verifySession('s', token, now + 6 * 86400_000)).toBe('demo-member');
    expect(verifySession('s', token, now + 8 * 86400_000)).toBeNull();
  });
});
