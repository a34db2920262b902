import type { FileServices } from '../platform/files';
import type { WechatServices } from '../platform/wechat';
import type { Store } from '../store/store.port';

/** What a function needs from its environment; the platform (local or CloudBase) supplies it. */
export type Runtime = {
  store: Store;
  /** The caller's OPENID from the platform context, or null. Never read from the event. */
  identify: (context: unknown) => string | null;
  /** Is this call the platform's timer trigger (never something a caller can send)? */
  isTimerTrigger: (context: unknown) => boolean;
  now: () => Date;
  newId: () => string;
  /** Key for signed codes (community codes). */
  secret: string;
  log: (entry: Record<string, unknown>) => void;
  /**
   * Cloud storage (the local run's uploads): photos' existence and the short-lived URLs views hand out. Absent
   * where nothing takes or shows photos (operator scripts, benchmarks): no photo is accepted and none shown.
   */
  files?: FileServices;
  /** WeChat's mini-program codes and subscribe messages: only in the deployed build. */
  wechat?: WechatServices;
};
