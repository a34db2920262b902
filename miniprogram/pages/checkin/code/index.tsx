import { View } from '@tarojs/components';
import { call } from '../../../api/call';
import { CopyLink, PathQr } from '../../../components/qr';
import { ErrorView, Loading } from '../../../components/states';
import { useLoad } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';

/** The station admin shows or prints the community's code; members scan it to 报到 (enrol). */
export default function CommunityCode() {
  useDevLoginGuard('pages/checkin/code/index');
  const code = useLoad(() => call('checkin', 'communityCode', {}), []);
  if (code.state === 'loading')
    return (
      <Page title="社区报到码">
        <Loading />
      </Page>
    );
  if (code.state === 'error')
    return (
      <Page title="社区报到码">
        <ErrorView error={code.error} onRetry={code.reload} />
      </Page>
    );
  return (
    <Page title="社区报到码">
      <View className="card" style={{ textAlign: 'center' }}>
        <View className="card-title">{code.data.communityName}报到码</View>
        <View className="hint">在职党员扫码，填写信息后提交报到申请</View>
        <PathQr path={code.data.path} image={code.data.image} testid="community-qr" />
        <View className="hint">把下面的链接发给党员，在手机上打开即可报到：</View>
        <CopyLink path={code.data.path} testid="community-link" />
        <View className="token" data-testid="community-token">
          报到码：{code.data.token}
        </View>
      </View>
      <View className="card hint">
        正式小程序中此处显示微信小程序码，扫码直接打开报到页面；报到码带有签名，伪造或篡改的码无法使用。
      </View>
    </Page>
  );
}
