import { Image, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { Loading } from './states';

/**
 * H5 only: a QR image of the link that opens `path` in this app. In the mini-program the code is a
 * 小程序码 made by WeChat (wxacode.getUnlimited, issue 7) and the token is shown as text meanwhile.
 */
export function PathQr({ path, testid }: { path: string; testid: string }) {
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return;
    const url = `${window.location.origin}${window.location.pathname}#/${path}`;
    void import('qrcode').then((qr) => qr.toDataURL(url, { width: 480, margin: 1, errorCorrectionLevel: 'M' })).then(setImage);
  }, [path]);
  if (process.env.TARO_ENV !== 'h5') return null;
  return image ? <Image className="qr" src={image} data-testid={testid} /> : <View><Loading text="正在生成二维码…" /></View>;
}
