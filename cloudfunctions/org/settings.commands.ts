import { settingKeys } from '@shared/org/settings';
import type { OrgContract } from '@shared/org/org.contract';
import { record } from '../core/runtime/change';
import type { Handlers } from '../core/runtime/router';
import { districtSettingsId, type CommunitySettingsDoc } from './org.documents';
import { settingsScope, settingsView } from './settings.queries';

/**
 * Sets a scope's settings (a value of null gives it back to the default): only the settings named, on the
 * document as it is now, audited with what it replaced. The next deadline, claim and check-in use them.
 */
export const saveSettings: Handlers<OrgContract>['saveSettings'] = async (input, ctx) => {
  const scope = await settingsScope(ctx, input.communityId);
  if ('failure' in scope) return scope;
  const id = scope.scope === 'district' ? districtSettingsId(scope.id) : scope.id;
  await ctx.store.transaction(async (tx) => {
    const before = await tx.get<CommunitySettingsDoc>('communitySettings', id);
    const next: Record<string, unknown> = { ...(before ?? {}), _id: id };
    for (const key of settingKeys) {
      const value = input.values[key];
      if (value === null) delete next[key];
      else if (value !== undefined) next[key] = value;
    }
    await tx.set('communitySettings', next as CommunitySettingsDoc);
    await record(
      ctx,
      {
        action: `settings.${scope.scope}`,
        entity: 'communitySettings',
        entityId: id,
        before: before ?? null,
        after: next,
      },
      tx,
    );
  });
  return settingsView(ctx, scope);
};
