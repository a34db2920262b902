import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { demoAccounts, devLogin, type DemoAccount } from '../../api/session';
import { Page } from '../../components/page';
import { Empty, Loading } from '../../components/states';
import { useLoad } from '../../hooks/use-call';

const tabPages = ['pages/index/index', 'pages/mine/index'];

/**
 * The development login of the local run: it stands in for WeChat identity. The server side of it
 * exists only in the local server; the mini-program never shows this page.
 */
export default function Login() {
  const router = useRouter();
  const accounts = useLoad<DemoAccount[]>(() => demoAccounts(), []);
  const [busy, setBusy] = useState<string | null>(null);

  const choose = async (openid: string) => {
    setBusy(openid);
    try {
      await devLogin(openid);
      const target = decodeURIComponent(router.params.redirect ?? '').replace(/^\//, '');
      if (!target || tabPages.includes(target.split('?')[0] as string))
        await Taro.switchTab({ url: `/${target || tabPages[0]}` });
      else await Taro.redirectTo({ url: `/${target}` });
    } catch {
      setBusy(null);
      void Taro.showToast({ title: '登录失败，请重试', icon: 'none' });
    }
  };

  if (process.env.TARO_ENV !== 'h5') return <Empty title="请在微信中打开" />;
  if (accounts.state === 'loading') return <Loading />;
  if (accounts.state === 'error') return <Empty title="无法获取演示账号" hint="请确认本地服务已启动（npm start）" />;
  return (
    <Page>
      <View className="section-title">本地演示环境：选择一个角色登录（正式小程序使用微信身份）</View>
      {accounts.data.map((a) => (
        <View
          key={a.openid}
          className="list-item"
          role="button"
          data-openid={a.openid}
          onClick={() => void choose(a.openid)}
        >
          <View className="row">
            <View className="card-title">{a.name}</View>
            {busy === a.openid ? <View className="muted">登录中…</View> : null}
          </View>
          <View className="list-line">{a.title}</View>
        </View>
      ))}
    </Page>
  );
}
