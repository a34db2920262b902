import { policyVersion } from '@shared/org/policy';

/** The phone's storage; the person agreed to the privacy policy in force (the consent gate has its own test). */
const storage = new Map<string, unknown>([['hongling.consent', { who: 'wechat', version: policyVersion }]]);

/** Page lifecycle callbacks the rendered page registered (usePullDownRefresh …), for a test to fire. */
export const lifecycle: Record<string, Array<() => void>> = {};
const hook = (name: string) => (fn: () => void) => {
  (lifecycle[name] ??= []).push(fn);
};

const routerParams = () => (globalThis as { routerParams?: Record<string, string> }).routerParams ?? {};

const Taro = {
  getStorageSync: (k: string) => storage.get(k) ?? '',
  setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
  removeStorageSync: (k: string) => void storage.delete(k),
  showToast: jest.fn(),
  showModal: jest.fn(async () => ({ confirm: true, cancel: false })),
  switchTab: jest.fn(async () => undefined),
  navigateTo: jest.fn(async () => undefined),
  navigateBack: jest.fn(async () => undefined),
  redirectTo: jest.fn(async () => undefined),
  stopPullDownRefresh: jest.fn(),
  getCurrentPages: () => [{}],
  getSystemInfoSync: () => ({ fontSizeSetting: 17 }),
  getCurrentInstance: () => ({ router: { params: routerParams() } }),
  pageScrollTo: jest.fn(async () => undefined),
  requestSubscribeMessage: jest.fn(async () => ({})),
};
export const usePullDownRefresh = hook('pullDownRefresh');
export const useReachBottom = hook('reachBottom');
export const useDidShow = hook('didShow');
export const useRouter = () => ({
  params: (globalThis as { routerParams?: Record<string, string> }).routerParams ?? {},
});
export default Taro;
