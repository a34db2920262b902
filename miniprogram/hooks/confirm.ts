import Taro from '@tarojs/taro';

/**
 * Asks before an action that cannot be undone (签退, 全部确认, 通过, 核销, 取消兑换 …). WeChat shows at most
 * four characters on a dialog button, so `confirmText` stays short.
 */
export async function confirmFirst(o: { title: string; content: string; confirmText?: string }): Promise<boolean> {
  const res = await Taro.showModal({
    title: o.title,
    content: o.content,
    confirmText: o.confirmText ?? '确定',
    cancelText: '取消',
    confirmColor: '#c8161d',
  });
  return res.confirm;
}

/** Runs `work` only once the person confirmed. */
export async function afterConfirm(
  o: { title: string; content: string; confirmText?: string },
  work: () => unknown,
): Promise<void> {
  if (await confirmFirst(o)) await work();
}
