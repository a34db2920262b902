import Taro from '@tarojs/taro';
import type { Audience } from '@shared/messages/notices';
import { templateIdsFor } from '@shared/messages/templates';

/**
 * Asks the person, right after their own tap (the only moment WeChat allows it), to accept the subscribe
 * templates of the notices they will get about what they just did: as `audience` of `entity` in the notice
 * table (a resident posting a wish is its `owner`). Deployed build only; a refusal changes nothing (the
 * inbox message stands either way).
 */
export function askToBeTold(entity: string, audience: Audience): void {
  if (process.env.TARO_ENV !== 'weapp') return;
  // The notice table's subscribeKinds, baked in by the build (the table itself stays out of the main package).
  const tmplIds = templateIdsFor(HONGLING_TEMPLATES, HONGLING_SUBSCRIBE_KINDS[`${entity}.${audience}`] ?? []);
  if (tmplIds.length) void Taro.requestSubscribeMessage({ tmplIds, entityIds: [] } as never).catch(() => undefined);
}
