import type { OpenApi } from './wechat';

type Cloud = typeof import('wx-server-sdk');
type Apis = {
  wxacode: { getUnlimited: OpenApi['getUnlimited'] };
  subscribeMessage: { send: OpenApi['sendSubscribe'] };
};

let ready: Apis | null = null;

/**
 * WeChat's open APIs through wx-server-sdk, which speaks their protobuf envelope over CloudBase (the
 * node-sdk's `callCompatibleWxOpenApi` alone does not). The SDK is loaded and initialised on first use, so
 * a call that needs no open API pays nothing for it at cold start. The function needs the permission in
 * its config.json, applied when it is uploaded from WeChat DevTools (see README, 部署到云开发).
 */
export function wxOpenApi(): OpenApi {
  const api = (): Apis => {
    if (ready) return ready;
    // Required here, not imported at the top: the bundler then evaluates the SDK only when it is first needed.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cloud = require('wx-server-sdk') as Cloud;
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as never });
    return (ready = cloud.openapi as Apis);
  };
  return {
    getUnlimited: async (request) => api().wxacode.getUnlimited(request),
    sendSubscribe: async (request) => api().subscribeMessage.send(request),
  };
}
