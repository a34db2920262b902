import { Image, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { call } from '../../../api/call';
import { ErrorView, Loading } from '../../../components/states';
import { useLoad } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';

/** H5 only: a QR image of the link that opens the report page (the mini-program uses a 小程序码). */
function useQrImage(path: string | undefined): string | null {
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    if (!path || process.env.TARO_ENV !== 'h5') return;
    const url = `${window.location.origin}${window.location.pathname}#/${path}`;
    void import('qrcode').then((qr) => qr.toDataURL(url, { width: 480, margin: 1, errorCorrectionLevel: 'M' })).then(setImage);
  }, [path]);
  return image;
}

/** The station admin shows or prints the community's code; members scan it to report. */
export default function CommunityCode() {
  useDevLoginGuard('pages/checkin/code/index');
  const code = useLoad(() => call('checkin', 'communityCode', {}), []);
  const image = useQrImage(code.data?.path);
  if (code.state === 'loading') return <Loading />;
  if (code.state === 'error') return <ErrorView error={code.error} onRetry={code.reload} />;
  return (
    <View className="page">
      <View className="card" style={{ textAlign: 'center' }}>
        <View className="card-title">{code.data.communityName}报到码</View>
        <View className="hint">在职党员扫码，填写信息后提交报到申请</View>
        {image ? <Image className="qr" src={image} data-testid="community-qr" /> : <Loading text="正在生成二维码…" />}
        <View className="token" data-testid="community-link" data-path={code.data.path}>
          {code.data.token}
        </View>
      </View>
      <View className="card hint">正式小程序中此处显示微信小程序码，扫码直接打开报到页面；报到码带有签名，伪造或篡改的码无法使用。</View>
    </View>
  );
}
