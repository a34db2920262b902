import type { PropsWithChildren } from 'react';
import Taro, { useLaunch } from '@tarojs/taro';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import './app.css';
import { isElder } from './hooks/elder';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // 大字版 as chosen on this phone (or the phone's large font setting), before the first page draws.
    isElder();
    // In the mini-program, cloud calls need the CloudBase environment initialised once.
    if (process.env.TARO_ENV === 'weapp') Taro.cloud.init({ env: HONGLING_CLOUD_ENV || undefined, traceUser: true });
  });
  return children;
}

export default App;
