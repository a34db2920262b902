import type { PropsWithChildren } from 'react';
import Taro, { useLaunch } from '@tarojs/taro';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import './app.css';
import { isElder } from './hooks/elder';
import { listenForWechatPrivacy } from './api/consent';

/**
 * Each H5 page is a scrolling container of its own: keyboard users must be able to reach it to scroll
 * (axe: scrollable-region-focusable), so every page container Taro adds gets a tab stop.
 */
function focusablePagesInH5() {
  if (process.env.TARO_ENV !== 'h5' || typeof MutationObserver === 'undefined') return;
  const mark = () =>
    document.querySelectorAll('.taro_page:not([tabindex])').forEach((el) => el.setAttribute('tabindex', '0'));
  new MutationObserver(mark).observe(document.body, { childList: true, subtree: true });
  mark();
}

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // 大字版 as chosen on this phone (or the phone's large font setting), before the first page draws.
    isElder();
    focusablePagesInH5();
    // WeChat's own privacy prompt (a photo, the location) is answered by the consent gate's 同意 button.
    listenForWechatPrivacy();
    // In the mini-program, cloud calls need the CloudBase environment initialised once.
    if (process.env.TARO_ENV === 'weapp') Taro.cloud.init({ env: HONGLING_CLOUD_ENV || undefined, traceUser: true });
  });
  return children;
}

export default App;
