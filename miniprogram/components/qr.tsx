import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useEffect, useState } from 'react';
import { Loading } from './states';

/** What a code opens, as a link to send: the H5 page's address, or the mini-program path in WeChat. */
export function linkFor(path: string): string {
  if (process.env.TARO_ENV === 'h5') return `${window.location.origin}${window.location.pathname}#/${path}`;
  return `/${path}`;
}

/** The link under a code, selectable, with a 复制 button (to send it, or to open it in another browser). */
export function CopyLink({ path, testid }: { path: string; testid: string }) {
  const link = linkFor(path);
  return (
    <View className="copy-row">
      <Text className="copy-link" selectable userSelect data-testid={testid} data-path={path}>
        {link}
      </Text>
      <Button
        onClick={() =>
          void Taro.setClipboardData({ data: link }).then(
            () => Taro.showToast({ title: '链接已复制', icon: 'none' }),
            () => Taro.showToast({ title: '复制失败，请长按链接选择复制', icon: 'none' }),
          )
        }
      >
        复制
      </Button>
    </View>
  );
}

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
    // The import inside the H5-only branch: the weapp build drops the branch and never bundles qrcode.
    if (process.env.TARO_ENV === 'h5') {
      const url = linkFor(path);
      void import('qrcode')
        .then((qr) => qr.toDataURL(url, { width: 480, margin: 1, errorCorrectionLevel: 'M' }))
        .then(setImage);
    }
  }, [path]);
  const alt = { alt: '扫码打开的二维码' };
  if (miniCode)
    return <Image className="qr" src={miniCode} showMenuByLongpress nativeProps={alt} data-testid={testid} />;
  if (process.env.TARO_ENV !== 'h5') return null;
  return image ? (
    <Image className="qr" src={image} nativeProps={alt} data-testid={testid} />
  ) : (
    <View>
      <Loading text="正在生成二维码…" />
    </View>
  );
}
