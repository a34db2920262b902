import Taro from '@tarojs/taro';
import { policyVersion } from '@shared/org/policy';
import { currentSession } from './session';

/**
 * Consent to the privacy policy and user agreement on this phone: the server records it (org.consent), and
 * the phone remembers, per person, the version agreed to, so the gate asks the server once; a new version
 * of the policy, another person on the same browser (H5), or a closed account asks again.
 */
const KEY = 'hongling.consent';

type Remembered = { who: string; version: string };

/** Whose consent this phone answers for: the H5 session's person; in the mini-program, the WeChat user. */
function who(): string {
  return currentSession()?.openid ?? 'wechat';
}

export function consentRemembered(): boolean {
  const value = Taro.getStorageSync(KEY) as Remembered | '';
  return !!value && value.who === who() && value.version === policyVersion;
}

export function rememberConsent(): void {
  Taro.setStorageSync(KEY, { who: who(), version: policyVersion } satisfies Remembered);
}

export function forgetConsent(): void {
  Taro.removeStorageSync(KEY);
}

/**
 * WeChat's own privacy flow (weapp): when a privacy API (choosing a photo, the location at check-in) finds the
 * person has not agreed in WeChat's sense, WeChat waits for `resolve`; the gate shows the agreement again
 * with its 同意 button (`open-type="agreePrivacyAuthorization"`) and answers WeChat.
 */
type Resolve = (o: { event: 'agree' | 'disagree' | 'exposureAuthorization'; buttonId?: string }) => void;
let pending: Resolve | null = null;
const listeners = new Set<() => void>();

export function listenForWechatPrivacy(): void {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
  Taro.onNeedPrivacyAuthorization((resolve) => {
    pending = resolve as Resolve;
    forgetConsent();
    listeners.forEach((l) => l());
  });
}

export function onWechatAsks(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Whether WeChat is waiting for the person's answer. */
export function wechatWaiting(): boolean {
  return !!pending;
}

/** Tells WeChat its privacy prompt is on screen (the gate shows it). */
export function shownToWechat(): void {
  pending?.({ event: 'exposureAuthorization' });
}

export function answerWechat(agreed: boolean): void {
  pending?.(agreed ? { event: 'agree', buttonId: AGREE_BUTTON } : { event: 'disagree' });
  pending = null;
}

/** The id of the gate's 同意 button: WeChat checks that this very button was tapped. */
export const AGREE_BUTTON = 'agree-btn';
