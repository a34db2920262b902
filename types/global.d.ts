/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    TARO_ENV: 'weapp' | 'h5' | undefined;
    TARO_APP_ID: string;
  }
}

/** The CloudBase environment id for the mini-program build ('' = the default environment). */
declare const HONGLING_CLOUD_ENV: string;
/** The subscribe-message template ids by kind (shared/src/messages/templates.ts; '' = none of its own). */
declare const HONGLING_TEMPLATES: Record<'review' | 'progress' | 'activity' | 'notice', string>;
/** subscribeKinds of the notice table for each `<entity>.<audience>` (shared/src/messages/notices.ts, subscribeKindsTable). */
declare const HONGLING_SUBSCRIBE_KINDS: Record<string, readonly ('review' | 'progress' | 'activity' | 'notice')[]>;
