import { phoneViewOf, type PhoneRecord, type Viewer } from '@shared/core/privacy';
import type { Grant } from '@shared/core/roles';
import type { TestStore } from './harness';

/**
 * Every response of every function test is scanned for full mainland mobile numbers. Each one found must
 * be shown to this caller in full by the privacy table for some record that holds it (computed here from
 * the table and the stored records, apart from the views that apply it).
 */
/** A mobile number standing alone (not inside an id such as a request id, which may hold 11 such digits). */
const PHONE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;

type Place = { communityId?: string; gridId?: string; unitId?: string; districtId?: string; orgId?: string };

function viewersOf(grants: Grant[], place: Place): Viewer[] {
  const as: Viewer[] = [];
  const covers = (g: Grant) =>
    (g.scope === 'community' && g.scopeId === place.communityId) ||
    (g.scope === 'grid' && g.scopeId === place.gridId) ||
    (g.scope === 'unit' && g.scopeId === place.unitId) ||
    (g.scope === 'district' && g.scopeId === place.districtId) ||
    (g.scope === 'org' && g.scopeId === place.orgId);
  for (const g of grants) {
    if (!covers(g)) continue;
    if (
      g.role === 'stationAdmin' ||
      g.role === 'gridSecretary' ||
      g.role === 'unitLeader' ||
      g.role === 'districtAdmin' ||
      g.role === 'orgAdmin'
    )
      as.push(g.role);
  }
  return as;
}

export function phoneLeaks(store: TestStore, openid: string | null, response: unknown): string[] {
  const text = JSON.stringify(response) ?? '';
  const found = [...new Set(text.match(PHONE) ?? [])];
  if (!found.length || !openid) return found;
  const grants = (store.dump('grants') as unknown as Array<Grant & { openid: string }>).filter(
    (g) => g.openid === openid,
  );
  const department = grants.find((g) => g.role === 'department')?.scopeId;
  const records: Array<{ kind: PhoneRecord; phone: string; as: Viewer[] }> = [];
  for (const r of store.dump('reports') as unknown as Array<Place & { phone: string; openid: string }>)
    records.push({
      kind: 'enrolment',
      phone: r.phone,
      as: [...(r.openid === openid ? ['owner' as const] : []), ...viewersOf(grants, r)],
    });
  for (const w of store.dump('wishes') as unknown as Array<
    Place & { residentPhone: string; openid: string; claimedBy: string | null; phoneConsent?: boolean }
  >)
    records.push({
      kind: 'wish',
      phone: w.residentPhone,
      as: [
        ...(w.openid === openid ? ['owner' as const] : []),
        ...(w.claimedBy === openid ? [w.phoneConsent ? ('consentedClaimant' as const) : ('claimant' as const)] : []),
        ...viewersOf(grants, w),
      ],
    });
  const whistles = store.dump('whistles') as unknown as Array<{
    problemId: string;
    departmentId: string;
    round: number;
  }>;
  for (const p of store.dump('problems') as unknown as Array<
    Place & { _id: string; reporterPhone: string; openid: string; shareIdentity: boolean; round: number }
  >) {
    const shared =
      p.shareIdentity &&
      whistles.some((w) => w.problemId === p._id && w.round === p.round && w.departmentId === department);
    records.push({
      kind: 'problem',
      phone: p.reporterPhone,
      as: [
        ...(p.openid === openid ? ['owner' as const] : []),
        ...(shared ? ['sharedDepartment' as const] : []),
        ...viewersOf(grants, p),
      ],
    });
  }
  // A person's own number, as they typed it (their 报到, their own wish or problem), is theirs to see.
  const own = (store.dump('people') as unknown as Array<{ _id: string; phone: string | null }>).find(
    (p) => p._id === openid,
  )?.phone;
  return found.filter(
    (phone) => phone !== own && !records.some((r) => r.phone === phone && phoneViewOf(r.kind, r.as) === 'full'),
  );
}

/**
 * 注销: every string value of every collection (`collections`) that contains one of `needles` (a person's
 * name, number, OPENID), with where it sits (`<collection>.<document id>.<field path>`).
 */
export function heldAnywhere(
  store: TestStore,
  collections: readonly string[],
  needles: readonly string[],
): Array<{ collection: string; path: string; value: string }> {
  const found: Array<{ collection: string; path: string; value: string }> = [];
  const walk = (collection: string, path: string, v: unknown) => {
    if (typeof v === 'string') {
      if (needles.some((n) => v.includes(n))) found.push({ collection, path, value: v });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(collection, `${path}.${i}`, x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(collection, `${path}.${k}`, x);
  };
  for (const c of collections) for (const d of store.dump(c)) walk(c, String(d._id), d);
  return found;
}
