import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';

/**
 * 大字版 (elder mode): large text, large tap targets. The person's own choice is kept on this device;
 * without one, the mini-program follows the phone's font size when it is set larger than standard.
 */
const key = 'hongling.elder';
let current: boolean | null = null;
const listeners = new Set<() => void>();

/** WeChat reports the font size the person chose in the phone's settings (17 px is the standard size). */
function systemWantsLargeText(): boolean {
  if (process.env.TARO_ENV !== 'weapp') return false;
  try {
    // getAppBaseInfo is the current API (base library 2.20.1+); getSystemInfoSync the one before it.
    const info = (Taro.getAppBaseInfo ? Taro.getAppBaseInfo() : Taro.getSystemInfoSync()) as {
      fontSizeSetting?: number;
    };
    return (info.fontSizeSetting ?? 0) > 17;
  } catch {
    return false;
  }
}

function read(): boolean {
  const stored = Taro.getStorageSync(key);
  if (stored === 'on') return true;
  if (stored === 'off') return false;
  return systemWantsLargeText();
}

/** In H5 the class also goes on <html>, so what Taro draws outside a page (toasts, dialogs) follows. */
function applyToDocument(on: boolean) {
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined')
    document.documentElement.classList.toggle('elder', on);
}

export function isElder(): boolean {
  if (current === null) {
    current = read();
    applyToDocument(current);
  }
  return current;
}

export function setElder(on: boolean): void {
  Taro.setStorageSync(key, on ? 'on' : 'off');
  current = on;
  applyToDocument(on);
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Whether elder mode is on; every page re-renders when it changes. */
export function useElder(): boolean {
  return useSyncExternalStore(subscribe, isElder, isElder);
}
