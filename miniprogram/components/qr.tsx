import { Image, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { Loading } from './states';

/**
 * The code people scan. Deployed, `image` is the 小程序码 WeChat made (wxacode.getUnlimited), by a
 * short-lived URL the function made (no client reads cloud storage); in H5 a QR of the link that opens
 * `path` in this app.
 * Without either (WeChat refused) the page shows the token as text.
 */
export function PathQr({
  path,
  testid,
  image: miniCode = null,
}: {
  path: string;
  testid: string;
  image?: string | null;
}) {
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return;
    const url = `${window.location.origin}${window.location.pathname}#/${path}`;
    void import('qrcode')
      .then((qr) => qr.toDataURL(url, { width: 480, margin: 1, errorCorrectionLevel: 'M' }))
      .then(setImage);
  }, [path]);
  if (miniCode) return <Image className="qr" src={miniCode} showMenuByLongpress data-testid={testid} />;
  if (process.env.TARO_ENV !== 'h5') return null;
  return image ? (
    <Image className="qr" src={image} data-testid={testid} />
  ) : (
    <View>
      <Loading text="正在生成二维码…" />
    </View>
  );
}
