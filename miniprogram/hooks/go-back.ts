import Taro from '@tarojs/taro';

/** Back to the page that opened this one (it refreshes on show), or to `fallback` when opened directly. */
export function backOr(fallback: string): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.redirectTo({ url: fallback });
}

/** To the home tab, from anywhere (a result, an error, a page opened from a shared link). */
export function goHome(): void {
  void Taro.switchTab({ url: '/pages/index/index' });
}
