import Taro from '@tarojs/taro';

/** Runs an action from a button: a toast for the outcome, the error's Chinese text otherwise. */
export async function runAction<T>(work: () => Promise<T>, success: string): Promise<T | null> {
  try {
    const result = await work();
    void Taro.showToast({ title: success, icon: 'none' });
    return result;
  } catch (e) {
    void Taro.showToast({ title: (e as Error).message, icon: 'none' });
    return null;
  }
}
