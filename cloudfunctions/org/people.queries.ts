import { fail } from '@shared/core/result';
import type { Role } from '@shared/core/roles';
import type { GrantChoice, PeopleContract } from '@shared/org/people.contract';
import { grantable } from '@shared/org/people.rules';
import { ownScope } from '../access/access';
import type { GrantDoc, PersonDoc } from '../core/runtime/identity';
import { loadPlaces } from '../core/runtime/lookup';
import type { Caller, Ctx, Handlers } from '../core/runtime/router';
import type { TodoItem } from '@shared/org/org.contract';
import type { Store, Where } from '../core/store/store.port';
import { peekOf, inviteOfToken } from './people.commands';
import type { InviteDoc } from './people.documents';
import type { CommunityDoc, DepartmentDoc, DistrictDoc, GridDoc, OrgDoc, UnitDoc } from './org.documents';
import { authoritiesOf, listedRoles, type Authority } from './people.scope';
import { holderViews, inviteViewOf, maskedPhone, scopeNames } from './people.view';

const PAGE = 20;
const isPhone = (q: string) => /^1[3-9]\d{9}$/.test(q);
/** A name's start as a range on the name (the index orders names, so this reads only the matches). */
const startsWith = (q: string) => ({ $gte: q, $lt: `${q}\uffff` });
const live = (d: { retiredAt?: string | null }) => !d.retiredAt;

/** What the caller may give, each role with the places it may be given over (retired places left out). */
export const grantOptions: Handlers<PeopleContract>['grantOptions'] = async (_input, ctx) => {
  const { store } = ctx;
  const authorities = await authoritiesOf(store, ctx.caller);
  const seen = new Set<Role>();
  const choices: GrantChoice[] = [];
  for (const a of authorities) {
    const rows = (grantable[a.granter] ?? []).filter((g) => !seen.has(g.role) && seen.add(g.role));
    const [communities, departments, orgs, district, grids, units] = await Promise.all([
      a.granter === 'districtAdmin'
        ? store.find<CommunityDoc>('communities', {
            where: { districtId: a.districtId },
            orderBy: [['name', 'asc']],
            limit: 1000,
          })
        : store.find<CommunityDoc>('communities', { where: { _id: a.communityId ?? '' }, limit: 1 }),
      a.granter === 'districtAdmin'
        ? store.find<DepartmentDoc>('departments', {
            where: { districtId: a.districtId },
            orderBy: [['name', 'asc']],
            limit: 1000,
          })
        : null,
      a.granter === 'districtAdmin'
        ? store.find<OrgDoc>('orgs', { where: { districtId: a.districtId }, orderBy: [['name', 'asc']], limit: 1000 })
        : null,
      a.granter === 'districtAdmin' ? store.get<DistrictDoc>('districts', a.districtId) : null,
      a.communityId
        ? store.find<GridDoc>('grids', {
            where: { communityId: a.communityId },
            orderBy: [['seq', 'asc']],
            limit: 1000,
          })
        : null,
      a.communityId
        ? store.find<UnitDoc>('units', {
            where: { communityId: a.communityId },
            orderBy: [['seq', 'asc']],
            limit: 1000,
          })
        : null,
    ]);
    const gridName = new Map((grids?.items ?? []).map((g) => [g._id, g.name]));
    const option = (group: string | null) => (d: { _id: string; name: string }) => ({ id: d._id, name: d.name, group });
    for (const row of rows) {
      const options =
        row.scope === 'district'
          ? district
            ? [option(null)(district)]
            : []
          : row.scope === 'community'
            ? communities.items.filter(live).map(option(null))
            : row.scope === 'department'
              ? (departments?.items ?? []).filter(live).map(option(null))
              : row.scope === 'org'
                ? (orgs?.items ?? []).filter(live).map(option(null))
                : row.scope === 'grid'
                  ? (grids?.items ?? []).filter(live).map(option(null))
                  : (units?.items ?? []).filter(live).map((u) => option(gridName.get(u.gridId) ?? null)(u));
      choices.push({ role: row.role, scope: row.scope, options });
    }
  }
  return { choices };
};

/** The authority a caller lists `role` with: the first of theirs that lists it. */
function listingAuthority(authorities: Authority[], role: Role): Authority | null {
  return authorities.find((a) => listedRoles(a).includes(role)) ?? null;
}

function inPlace(a: Authority, g: GrantDoc): boolean {
  return a.granter === 'districtAdmin' ? g.districtId === a.districtId : g.communityId === a.communityId;
}

/** Whether the caller may take this grant back: one they could give, within their place, not their own. */
function revocableBy(ctx: Ctx, authorities: Authority[]) {
  return (g: GrantDoc) =>
    g.openid !== ctx.caller.openid &&
    authorities.some((a) => inPlace(a, g) && (grantable[a.granter] ?? []).some((r) => r.role === g.role));
}

/** The people a search names: a full phone number, or the start of a name. */
async function peopleMatching(ctx: Ctx, q: string, where: Where = {}, limit = 50): Promise<PersonDoc[]> {
  const found = await ctx.store.find<PersonDoc>('people', {
    where: isPhone(q) ? { phone: q } : { ...where, name: startsWith(q) },
    ...(isPhone(q) ? {} : { orderBy: [['name', 'asc']] as const }),
    limit,
  });
  return found.items;
}

/** Who holds a role within the caller's place, newest first; a name or phone narrows it. */
export const roleHolders: Handlers<PeopleContract>['roleHolders'] = async (input, ctx) => {
  const authorities = await authoritiesOf(ctx.store, ctx.caller);
  const a = listingAuthority(authorities, input.role);
  if (!a) return fail('AUTH.FORBIDDEN');
  const revocable = revocableBy(ctx, authorities);
  if (input.q) {
    const people = await peopleMatching(ctx, input.q);
    if (!people.length) return { items: [], next: null };
    const grants = await ctx.store.find<GrantDoc>('grants', {
      where: { openid: { $in: people.map((p) => p._id) }, role: input.role },
      limit: 1000,
    });
    const items = grants.items.filter((g) => inPlace(a, g)).sort((x, y) => y.at.localeCompare(x.at));
    return { items: await holderViews(ctx.store, items, revocable), next: null };
  }
  const where: Where =
    a.granter === 'districtAdmin'
      ? { role: input.role, districtId: a.districtId }
      : { role: input.role, communityId: a.communityId };
  const page = await ctx.store.find<GrantDoc>('grants', {
    where,
    orderBy: [
      ['at', 'desc'],
      ['_id', 'desc'],
    ],
    limit: PAGE,
    after: input.after ?? null,
  });
  return { items: await holderViews(ctx.store, page.items, revocable), next: page.next };
};

/**
 * People to appoint: by a full phone number or a name's start, within the caller's place (a station's
 * community; the district's communities, and anyone holding a role in the district). An organisation's
 * admin sees its own members, all of them when nothing is typed.
 */
export const findPeople: Handlers<PeopleContract>['findPeople'] = async (input, ctx) => {
  const authorities = await authoritiesOf(ctx.store, ctx.caller);
  const district = authorities.find((a) => a.granter === 'districtAdmin');
  const station = authorities.find((a) => a.granter === 'stationAdmin');
  const org = ownScope(ctx.caller, 'orgAdmin');
  const q = input.q;
  let candidates: PersonDoc[];
  if (district || station) {
    if (!q) return { items: [] };
    candidates = await peopleMatching(ctx, q, district ? {} : { communityId: station!.communityId });
  } else if (org) {
    const found = await ctx.store.find<PersonDoc>('people', {
      where: q && isPhone(q) ? { orgId: org, phone: q } : { orgId: org, ...(q ? { name: startsWith(q) } : {}) },
      orderBy: [['name', 'asc']],
      limit: 100,
    });
    candidates = found.items.filter((p) => !isPhone(q) || p.phone === q);
  } else return fail('AUTH.FORBIDDEN');
  const ids = candidates.map((p) => p._id);
  const [grants, communities] = await Promise.all([
    ids.length
      ? ctx.store.find<GrantDoc>('grants', { where: { openid: { $in: ids } }, limit: 1000 })
      : { items: [] as GrantDoc[] },
    loadPlaces<CommunityDoc>(
      ctx.store,
      'communities',
      candidates.map((p) => p.communityId),
    ),
  ]);
  const grantsOf = new Map<string, GrantDoc[]>();
  for (const g of grants.items) grantsOf.set(g.openid, [...(grantsOf.get(g.openid) ?? []), g]);
  const visible = candidates.filter((p) => {
    const id = p._id;
    if (!district) return station ? p.communityId === station.communityId : true;
    const community = p.communityId ? communities.get(p.communityId) : undefined;
    return (
      community?.districtId === district.districtId ||
      (grantsOf.get(id) ?? []).some((g) => g.districtId === district.districtId)
    );
  });
  const names = await scopeNames(ctx.store, grants.items);
  return {
    items: visible.slice(0, 30).map((p) => {
      const id = p._id;
      return {
        openid: id,
        name: p.name ?? '（未填写姓名）',
        phone: maskedPhone(p.phone),
        communityName: (p.communityId && communities.get(p.communityId)?.name) || '',
        roles: (grantsOf.get(id) ?? []).map((g) => ({ role: g.role, scopeName: names(g) })),
      };
    }),
  };
};

/** The codes the caller's place made, newest first, with who asked and the outcome. */
export const invites: Handlers<PeopleContract>['invites'] = async (input, ctx) => {
  const authorities = await authoritiesOf(ctx.store, ctx.caller);
  const a = authorities[0];
  if (!a) return fail('AUTH.FORBIDDEN');
  const place: Where = a.granter === 'districtAdmin' ? { districtId: a.districtId } : { communityId: a.communityId };
  const page = await ctx.store.find<InviteDoc>('invites', {
    where: { granter: a.granter, ...place, ...(input.status ? { status: input.status } : {}) },
    orderBy: [
      ['createdAt', 'desc'],
      ['_id', 'desc'],
    ],
    limit: PAGE,
    after: input.after ?? null,
  });
  return { items: page.items.map((i) => inviteViewOf(i, ctx.now)), next: page.next };
};

/** What a scanned code offers, before the person asks. */
export const inviteInfo: Handlers<PeopleContract>['inviteInfo'] = async (input, ctx) => {
  const invite = await inviteOfToken(ctx, input.token);
  return 'failure' in invite ? invite : peekOf(invite, ctx);
};

/** The home's to-do: requests made with the caller's place's codes that wait for a decision. */
export function peopleTodo(store: Store, caller: Caller): Array<Promise<TodoItem>> {
  const item = { key: 'invite.decide', label: '身份申请待审批', page: 'pages/org/people/index?tab=invites' };
  const district = ownScope(caller, 'districtAdmin');
  const station = ownScope(caller, 'stationAdmin');
  const counts = [
    ...(district
      ? [store.count('invites', { granter: 'districtAdmin', districtId: district, status: 'requested' })]
      : []),
    ...(station
      ? [store.count('invites', { granter: 'stationAdmin', communityId: station, status: 'requested' })]
      : []),
  ];
  if (!counts.length) return [];
  return [Promise.all(counts).then((n) => ({ ...item, count: n.reduce((a, b) => a + b, 0), dueAt: null }))];
}
