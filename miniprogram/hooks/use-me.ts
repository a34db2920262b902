import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useEffect } from 'react';
import { call } from '../api/call';
import { needsDevLogin } from '../api/session';
import { useLoad, useOnReturn } from './use-call';

/** In H5 without a session, go to the development login and come back to `returnTo` afterwards. */
export function useDevLoginGuard(returnTo?: string) {
  useEffect(() => {
    if (!needsDevLogin()) return;
    const query = returnTo ? `?redirect=${encodeURIComponent(returnTo)}` : '';
    void Taro.redirectTo({ url: `/pages/login/index${query}` });
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
}

/** The signed-in person (roles and community). */
export function useMe() {
  useDevLoginGuard();
  const me = useLoad(() => call('org', 'me', {}), []);
  useOnReturn(() => void me.reload());
  usePullDownRefresh(() => void me.reload().finally(() => Taro.stopPullDownRefresh()));
  return me;
}
