import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { ReactNode } from 'react';
import type { CallError } from '../api/call';
import { goHome } from '../hooks/go-back';

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

/** A permission error (AUTH.*) does not go away by trying again. */
export const canRetry = (error: CallError) => !error.code.startsWith('AUTH.');

/** An error with a way on: 重试 when trying again can help, and always 返回首页. */
export function ErrorView({ error, onRetry }: { error: CallError; onRetry?: () => void }) {
  const retry = onRetry && canRetry(error) ? onRetry : undefined;
  return (
    <View className="state" role="alert" data-testid="error-view" data-code={error.code}>
      <View className="state-title">{error.message || '出错了，请稍后再试'}</View>
      <View className="state-actions">
        {retry ? (
          <Button type="primary" onClick={retry}>
            重试
          </Button>
        ) : null}
        <Button type={retry ? 'default' : 'primary'} onClick={goHome}>
          返回首页
        </Button>
      </View>
    </View>
  );
}

/**
 * The end of a flow: what happened, what happens next, and a way home (with the page's own next step,
 * if any, before it).
 */
export function Result(props: { ok: boolean; title: string; next?: string; children?: ReactNode; testid?: string }) {
  return (
    <View className="card result" role="status" data-testid={props.testid ?? 'result'}>
      <View className={`result-icon ${props.ok ? 'result-ok' : 'result-fail'}`} aria-hidden="true">
        {props.ok ? '✓' : '!'}
      </View>
      <View className="result-title">{props.title}</View>
      {props.next ? <View className="result-next">{props.next}</View> : null}
      {props.children}
      <View className="state-actions">
        <Button onClick={goHome}>返回首页</Button>
      </View>
    </View>
  );
}
