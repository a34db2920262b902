import { effectiveSettings, type Settings } from '@shared/org/settings';
import { fail, type Failure } from '@shared/core/result';
import type { SettingsView } from '@shared/org/org.contract';
import { grantOf, ownScope } from '../access/access';
import type { Ctx, Handlers } from '../core/runtime/router';
import type { OrgContract } from '@shared/org/org.contract';
import { districtSettingsId, type CommunityDoc, type CommunitySettingsDoc, type DistrictDoc } from './org.documents';

/** Whose settings the caller may read and set: the station its community; the district its defaults or a community of it. */
export type SettingsScope =
  | { scope: 'community'; id: string; name: string; districtId: string }
  | { scope: 'district'; id: string; name: string; districtId: string };

export async function settingsScope(ctx: Ctx, communityId: string | undefined): Promise<SettingsScope | Failure> {
  const station = ownScope(ctx.caller, 'stationAdmin');
  const district = grantOf(ctx.caller, 'districtAdmin')?.scopeId ?? null;
  const target = communityId ?? (district ? null : station);
  if (!target) {
    const doc = district ? await ctx.store.get<DistrictDoc>('districts', district) : null;
    return district
      ? { scope: 'district', id: district, name: doc?.name ?? '全区', districtId: district }
      : fail('AUTH.FORBIDDEN');
  }
  const community = await ctx.store.get<CommunityDoc>('communities', target);
  if (!community) return fail('NOT_FOUND');
  if (target !== station && community.districtId !== district) return fail('AUTH.OUT_OF_SCOPE');
  return { scope: 'community', id: community._id, name: community.name, districtId: community.districtId };
}

/** The settings a scope set itself (only the fields of the settings page). */
export function ownValues(doc: CommunitySettingsDoc | null): Partial<Settings> {
  if (!doc) return {};
  const { _id: _ignored, ...rest } = doc;
  return rest as Partial<Settings>;
}

/** The view of a scope's settings: in force (the community's over the district's over the product's) and from where. */
export async function settingsView(ctx: Ctx, scope: SettingsScope): Promise<SettingsView> {
  const [own, district] = await Promise.all([
    ctx.store.get<CommunitySettingsDoc>(
      'communitySettings',
      scope.scope === 'district' ? districtSettingsId(scope.id) : scope.id,
    ),
    scope.scope === 'community'
      ? ctx.store.get<CommunitySettingsDoc>('communitySettings', districtSettingsId(scope.districtId))
      : null,
  ]);
  const effective =
    scope.scope === 'district'
      ? effectiveSettings(null, ownValues(own))
      : effectiveSettings(ownValues(own), ownValues(district));
  return { scope: scope.scope, scopeId: scope.id, scopeName: scope.name, ...effective };
}

export const settings: Handlers<OrgContract>['settings'] = async (input, ctx) => {
  const scope = await settingsScope(ctx, input.communityId);
  if ('failure' in scope) return scope;
  return settingsView(ctx, scope);
};
