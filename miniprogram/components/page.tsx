import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import { goHome } from '../hooks/go-back';
import { useElder } from '../hooks/elder';
import { ConsentGate } from './consent-gate';

/**
 * H5 has no navigation bar: the page's title and a way back (to the page before, or home when the page
 * was opened directly from a link). The mini-program has WeChat's own bar, so this is H5 only.
 */
function H5Header({ title }: { title: string }) {
  const canGoBack = Taro.getCurrentPages().length > 1;
  return (
    <View className="h5-header">
      <View
        className="h5-back"
        role="button"
        aria-label={canGoBack ? '返回上一页' : '回到首页'}
        onClick={() => (canGoBack ? void Taro.navigateBack() : goHome())}
      >
        {canGoBack ? '‹ 返回' : '‹ 首页'}
      </View>
      <View className="h5-title" role="heading" aria-level={1}>
        {title}
      </View>
    </View>
  );
}

/**
 * Every page's root: elder mode's class (large text, large targets), in H5 the header, and the consent gate. `title` is the
 * page's navigation-bar title; tab pages (首页, 我的) pass none and get no back button.
 */
export function Page({ title, children, consentFree }: { title?: string; children: ReactNode; consentFree?: boolean }) {
  const elder = useElder();
  return (
    <View className={`page ${elder ? 'elder' : ''}`}>
      {process.env.TARO_ENV === 'h5' && title ? <H5Header title={title} /> : null}
      {/* Nothing shows before the person agreed to the privacy policy, except the policy itself (consentFree). */}
      {consentFree ? children : <ConsentGate>{children}</ConsentGate>}
    </View>
  );
}
