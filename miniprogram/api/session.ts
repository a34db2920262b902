import Taro from '@tarojs/taro';

/**
 * The H5 development session (local run only). In the mini-program the platform supplies identity,
 * so nothing is stored there.
 */
const KEY = 'hongling.session';

export type Session = { token: string; openid: string; name: string };

export function currentSession(): Session | null {
  const value = Taro.getStorageSync(KEY) as Session | '';
  return value ? value : null;
}

export function sessionToken(): string | null {
  return currentSession()?.token ?? null;
}

export function saveSession(session: Session): void {
  Taro.setStorageSync(KEY, session);
}

export function clearSession(): void {
  Taro.removeStorageSync(KEY);
}

export const needsDevLogin = () => process.env.TARO_ENV === 'h5' && !currentSession();

export type DemoAccount = { openid: string; name: string; title: string };

export async function demoAccounts(): Promise<DemoAccount[]> {
  const res = await fetch('/api/dev/accounts');
  const body = (await res.json()) as { ok: boolean; data: DemoAccount[] };
  return body.data;
}

export async function devLogin(openid: string): Promise<Session> {
  const res = await fetch('/api/dev/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid }),
  });
  const body = (await res.json()) as { ok: boolean; data: Session };
  if (!body.ok) throw new Error('登录失败');
  saveSession(body.data);
  return body.data;
}
