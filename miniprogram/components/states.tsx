import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { CallError } from '../api/call';

export function Loading({ text = '加载中…' }: { text?: string }) {
  return (
    <View className="state" aria-busy="true">
      {text}
    </View>
  );
}

export function Empty({ title, hint }: { title: string; hint?: string }) {
  return (
    <View className="state">
      <View className="state-title">{title}</View>
      {hint ? <View>{hint}</View> : null}
    </View>
  );
}

export function ErrorView({ error, onRetry }: { error: CallError; onRetry?: () => void }) {
  return (
    <View className="state" role="alert">
      <View className="state-title">{error.message}</View>
      {onRetry ? (
        <Button type="primary" onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  );
}
