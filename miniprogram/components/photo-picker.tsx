import { Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { previewOf, uploadPhoto } from '../api/upload';

/**
 * An optional photo: choose (camera or album), upload, preview, remove. `value` is the uploaded photo's id
 * (what the action takes); the preview is the picture on this device, since no client may read storage.
 */
export function PhotoPicker({
  value,
  onChange,
  label = '照片（可选）',
}: {
  value: string | null;
  onChange: (id: string | null) => void;
  label?: string;
}) {
  const [busy, setBusy] = useState(false);
  const choose = async () => {
    try {
      const picked = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      const path = picked.tempFilePaths[0];
      if (!path) return;
      setBusy(true);
      onChange(await uploadPhoto(path));
    } catch (e) {
      const message = (e as { errMsg?: string }).errMsg?.includes('cancel')
        ? null
        : (e as Error).message || '上传失败，请重试';
      if (message) void Taro.showToast({ title: message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="field">
      <View className="field-label">{label}</View>
      {value ? (
        <View className="row">
          <Image className="photo" src={previewOf(value) ?? ''} mode="aspectFill" data-testid="photo-preview" />
          <View className="muted" onClick={() => onChange(null)}>
            移除
          </View>
        </View>
      ) : (
        <View className="photo-add" data-testid="photo-add" onClick={() => void choose()}>
          {busy ? '上传中…' : '＋ 添加照片'}
        </View>
      )}
    </View>
  );
}
