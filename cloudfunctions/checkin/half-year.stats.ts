import { beijing } from '@shared/core/time';
import {
  bumpCountersInTx,
  countersFromDeltas,
  mergeDeltas,
  SHARDS,
  shardOf,
  STATS,
  type CounterDelta,
  type StatsDoc,
} from '../core/runtime/counters';
import type { Doc, Store, TxStore } from '../core/store/store.port';
import type { EnrolmentDoc } from './checkin.documents';

/**
 * 半年履责达标 (the half-year rule, shared/src/checkin/activity.rules.ts) kept as the work happens (issue 16): each
 * in-service member, in each Beijing half-year, serves at least once (a service record with its `at` in the half,
 * any status) and claims at least once (a post claim still active, or a micro-wish naming them as its claimant,
 * claimed in the half). The dashboards read how many members met it without reading a record:
 *
 * - `hy~<openid>` (kind `memberHalf`): one member's tally, every half-year in one document (a member moving
 *   community moves all of it in one read): numbers `<YYYY>H<n>_services`, `<YYYY>H<n>_claims`; strings `openid`
 *   and, once the member is placed, `homeDistrictId`, `homeCommunityId`, `homeOrgId`, `homeGridId`, `homeShard`
 *   (where their met halves are counted). Its place fields are not named `communityId`/`districtId` on purpose:
 *   the district dashboard reads every `stats` document of its communities by `communityId`, one per member
 *   would swamp it.
 * - `halfyear~<communityId>~<shard 0..7>` (kind `halfyear`, strings `districtId`, `communityId`): numbers
 *   `<YYYY>H<n>` (members of the community who met the rule in that half), `o~<orgId>~<YYYY>H<n>` and
 *   `g~<gridId>~<YYYY>H<n>` (the same members by organisation and grid: `sumShards` reads them as `within`).
 * - `halfyear-org~<orgId>~<shard>` (kind `halfyearOrg`, strings `districtId`, `orgId`): number `<YYYY>H<n>`, the
 *   organisation's members who met the rule, whatever their community (the organisation's dashboard reads its 8
 *   documents by id instead of every community's of the district).
 *
 * A member is placed by their approved 报到 (its community, organisation and grid; its shard is the 报到's
 * `shardOf`, which survives 注销's rekeying), written into their tally in the approval's transaction; the rebuild
 * writes a tally for every approved member (the deploy's for those approved before), so a change reads only the
 * tally. A member with none (not yet approved, or a person written without a 报到) keeps a tally but counts in no
 * community until a 报到 is approved, which then moves every met half of the tally in. Approving a 报到 elsewhere moves them (every half, past ones too: a community's figures count the
 * members it has now, as the rebuild does from the 报到 approved now). 注销 renames `hy~<openid>` to the
 * pseudonym's (the records move to it; the 报到 keeps its status, so the aggregates do not change).
 *
 * Every change of a record that counts (a service written, rewritten or removed; a post claim made, released or
 * made again; a wish claimed, released, given up or expired) calls `keepHalfYears` in its own transaction with
 * what the record counted before and after: the member's tally is read and written there, and when the rule
 * flips for a half the community's and the organisation's aggregates move by one. A retried transaction counts
 * once; two changes of one member at once meet on the tally and one retries. `halfYearCounters` makes all of it
 * again from the records (deployed/stats.ts): the tests compare after every test, the deploy rebuilds.
 */
export const MEMBER_HALF_KIND = 'memberHalf';
export const HALF_YEAR_KIND = 'halfyear';
export const HALF_YEAR_ORG_KIND = 'halfyearOrg';

export const memberHalfId = (openid: string) => `hy~${openid}`;
export const halfYearId = (communityId: string, shard: number) => `halfyear~${communityId}~${shard}`;
export const halfYearOrgId = (orgId: string, shard: number) => `halfyear-org~${orgId}~${shard}`;

/** A community's half-year aggregates by id (the station's dashboard reads them with its other counters). */
export function halfYearIds(communityId: string): string[] {
  return Array.from({ length: SHARDS }, (_, s) => halfYearId(communityId, s));
}

/** An organisation's half-year aggregates by id (its dashboard adds them up: `now[half]`). */
export function halfYearOrgIds(orgId: string): string[] {
  return Array.from({ length: SHARDS }, (_, s) => halfYearOrgId(orgId, s));
}

/** The half-year a moment falls in, Beijing time: `2026H1` (1 Jan–30 Jun) or `2026H2`. */
export function halfKey(at: string | Date): string {
  const [year, month] = beijing(at, 'YYYY-MM').split('-');
  return `${year}H${Number(month) <= 6 ? 1 : 2}`;
}

/**
 * The figures of one half-year from a community's aggregates added up (`sumShards` of its `halfyear` documents):
 * the community's members who met the rule, and by organisation and grid.
 */
export function halfYearMet(
  summed: { now: Record<string, number>; within: Map<string, Record<string, number>> },
  half: string,
): { met: number; byOrg: Map<string, number>; byGrid: Map<string, number> } {
  const byOrg = new Map<string, number>();
  const byGrid = new Map<string, number>();
  for (const [key, row] of summed.within) {
    const n = row[half] ?? 0;
    if (!n) continue;
    if (key.startsWith('o~')) byOrg.set(key.slice(2), n);
    if (key.startsWith('g~')) byGrid.set(key.slice(2), n);
  }
  return { met: summed.now[half] ?? 0, byOrg, byGrid };
}

export type HalfField = 'services' | 'claims';
/** What one record counts for the rule: one service or one claim of a member in a half-year. */
export type Contribution = { openid: string; half: string; field: HalfField };

/** A service record counts for its member in the half of its `at`, whatever its status (as `countServices`). */
export function serviceContribution(s: { openid?: string | null; at?: string | null } | null): Contribution[] {
  return s?.openid && s.at ? [{ openid: s.openid, half: halfKey(s.at), field: 'services' }] : [];
}

/** A post claim counts while it is active, in the half it was (last) claimed. */
export function postClaimContribution(
  c: { openid?: string | null; status?: string; claimedAt?: string | null } | null,
): Contribution[] {
  return c?.status === 'active' && c.openid && c.claimedAt
    ? [{ openid: c.openid, half: halfKey(c.claimedAt), field: 'claims' }]
    : [];
}

/** A wish counts for the member it names as claimant (released, given up, expired: it names no one). */
export function wishClaimContribution(
  w: { claimedBy?: string | null; claimedAt?: string | null } | null,
): Contribution[] {
  return w?.claimedBy && w.claimedAt ? [{ openid: w.claimedBy, half: halfKey(w.claimedAt), field: 'claims' }] : [];
}

/** Where a member's met halves count. */
export type Home = { districtId: string; communityId: string; orgId: string; gridId: string; shard: number };

/** The place of an approved 报到. */
export function homeOf(report: EnrolmentDoc): Home {
  return {
    districtId: report.districtId,
    communityId: report.communityId,
    orgId: report.orgId,
    gridId: report.gridId,
    shard: shardOf(report),
  };
}

/** A member's tally: no `districtId`/`communityId` of its own (see above), its place in `home…` fields. */
type MemberHalfDoc = Doc & { kind: string; openid: string } & Record<string, unknown>;

const homeFields = (home: Home | null): Record<string, string> =>
  home
    ? {
        homeDistrictId: home.districtId,
        homeCommunityId: home.communityId,
        homeOrgId: home.orgId,
        homeGridId: home.gridId,
        homeShard: String(home.shard),
      }
    : {};

function homeIn(doc: Record<string, unknown>): Home | null {
  const s = (k: string) => (typeof doc[k] === 'string' ? (doc[k] as string) : '');
  if (!s('homeCommunityId')) return null;
  return {
    districtId: s('homeDistrictId'),
    communityId: s('homeCommunityId'),
    orgId: s('homeOrgId'),
    gridId: s('homeGridId'),
    shard: Number(s('homeShard')),
  };
}

const countOf = (doc: Record<string, unknown>, field: string) =>
  typeof doc[field] === 'number' ? (doc[field] as number) : 0;
const HALF_FIELD = /^(\d{4}H[12])_(services|claims)$/;

function metIn(doc: Record<string, unknown>, half: string): boolean {
  return countOf(doc, `${half}_services`) >= 1 && countOf(doc, `${half}_claims`) >= 1;
}

function halvesOf(doc: Record<string, unknown>): string[] {
  return [...new Set(Object.keys(doc).flatMap((k) => HALF_FIELD.exec(k)?.[1] ?? []))];
}

/** A member meeting the rule in `half` (n = 1), or no longer (n = -1), at `home`: its aggregates' deltas. */
function metDeltas(home: Home, half: string, n: number): CounterDelta[] {
  const add: Record<string, number> = { [half]: n };
  if (home.orgId) add[`o~${home.orgId}~${half}`] = n;
  if (home.gridId) add[`g~${home.gridId}~${half}`] = n;
  const community = {
    id: halfYearId(home.communityId, home.shard),
    base: { kind: HALF_YEAR_KIND, districtId: home.districtId, communityId: home.communityId },
    add,
  };
  if (!home.orgId) return [community];
  const org = {
    id: halfYearOrgId(home.orgId, home.shard),
    base: { kind: HALF_YEAR_ORG_KIND, districtId: home.districtId, orgId: home.orgId },
    add: { [half]: n },
  };
  return [community, org];
}

/**
 * Inside the change's transaction: what a record counted before its change and after it (`[]`: nothing, or no
 * record). Nothing is read when the two are the same (most moves of a wish or a service). For each member whose
 * counts change: their tally is read and written, and a half whose rule flips moves their community's and
 * organisation's aggregates by one.
 */
export async function keepHalfYears(
  tx: TxStore,
  before: readonly Contribution[],
  after: readonly Contribution[],
): Promise<void> {
  const byMember = new Map<string, Record<string, number>>();
  const add = (c: Contribution, n: number) => {
    const row = byMember.get(c.openid) ?? {};
    row[`${c.half}_${c.field}`] = (row[`${c.half}_${c.field}`] ?? 0) + n;
    byMember.set(c.openid, row);
  };
  for (const c of after) add(c, 1);
  for (const c of before) add(c, -1);
  for (const [openid, row] of byMember) {
    const changed = Object.entries(row).filter(([, n]) => n !== 0);
    if (changed.length) await tallyMember(tx, openid, changed);
  }
}

async function tallyMember(tx: TxStore, openid: string, changed: Array<[string, number]>): Promise<void> {
  const id = memberHalfId(openid);
  const kept = await tx.get<MemberHalfDoc>(STATS, id);
  // No tally: a person never approved anywhere (an approval writes the tally with its place; the deploy's
  // rebuild wrote one for every member approved before), so no community counts them yet.
  const was: MemberHalfDoc = kept ?? { _id: id, kind: MEMBER_HALF_KIND, openid };
  const next: MemberHalfDoc = { ...was };
  for (const [field, n] of changed) next[field] = countOf(was, field) + n;
  const home = homeIn(was);
  const flips: CounterDelta[] = [];
  for (const half of new Set(changed.map(([f]) => f.split('_')[0] as string))) {
    const before = metIn(was, half);
    const now = metIn(next, half);
    if (home && before !== now) flips.push(...metDeltas(home, half, now ? 1 : -1));
  }
  await tx.set(STATS, next);
  await bumpCountersInTx(tx, mergeDeltas(flips));
}

/**
 * A 报到 approved (in its transaction): the member's tally takes its place, and every half they met moves from
 * their former community and organisation (if they had one) to the new ones.
 */
export async function placeMember(tx: TxStore, openid: string, home: Home): Promise<void> {
  const id = memberHalfId(openid);
  const kept = await tx.get<MemberHalfDoc>(STATS, id);
  const from = kept ? homeIn(kept) : null;
  const next = { ...(kept ?? { _id: id, kind: MEMBER_HALF_KIND, openid }), ...homeFields(home) } as MemberHalfDoc;
  const moves: CounterDelta[] = [];
  for (const half of kept ? halvesOf(kept).filter((h) => metIn(kept, h)) : []) {
    if (from) moves.push(...metDeltas(from, half, -1));
    moves.push(...metDeltas(home, half, 1));
  }
  await tx.set(STATS, next);
  await bumpCountersInTx(tx, mergeDeltas(moves));
}

/**
 * 注销: the member's tally moves to the pseudonym's id (their records move to the pseudonym; their 报到 keeps its
 * status and its shard, so the aggregates stay as they are). Once done, nothing is left to move.
 */
export async function renameMember(store: Store, openid: string, pseudonym: string): Promise<void> {
  await store.transaction(async (tx) => {
    const kept = await tx.get<MemberHalfDoc>(STATS, memberHalfId(openid));
    if (!kept) return;
    const there = await tx.get<MemberHalfDoc>(STATS, memberHalfId(pseudonym));
    const next: MemberHalfDoc = { ...(there ?? {}), ...kept, _id: memberHalfId(pseudonym), openid: pseudonym };
    for (const f of Object.keys(there ?? {}).filter((k) => HALF_FIELD.test(k)))
      next[f] = countOf(kept, f) + countOf(there ?? {}, f);
    await tx.set(STATS, next);
    await tx.remove(STATS, kept._id);
  });
}

type Records = (collection: string) => Iterable<Doc>;

/**
 * The rebuild (deployed/stats.ts): every member's tally from their services, active post claims and claimed
 * wishes; their place from the 报到 approved now (the latest approved, were there ever two); the aggregates from
 * the tallies, exactly as the increments make them.
 */
export const halfYearCounters = {
  collections: ['services', 'postClaims', 'wishes', 'reports'],
  counters(records: Records): Map<string, StatsDoc> {
    const homes = new Map<string, EnrolmentDoc>();
    for (const r of records('reports') as Iterable<EnrolmentDoc>) {
      if (r.status !== 'approved' || !r.openid || !r.communityId) continue;
      const other = homes.get(r.openid);
      const later = !other || `${r.reviewedAt ?? ''}~${r._id}` > `${other.reviewedAt ?? ''}~${other._id}`;
      if (later) homes.set(r.openid, r);
    }
    const contributions = [
      ...[...records('services')].flatMap((s) => serviceContribution(s as Parameters<typeof serviceContribution>[0])),
      ...[...records('postClaims')].flatMap((c) =>
        postClaimContribution(c as Parameters<typeof postClaimContribution>[0]),
      ),
      ...[...records('wishes')].flatMap((w) => wishClaimContribution(w as Parameters<typeof wishClaimContribution>[0])),
    ];
    const out = new Map<string, StatsDoc>();
    // Every approved member has a tally holding their place (an approval writes it), counts or not.
    for (const [openid, report] of homes)
      out.set(memberHalfId(openid), {
        _id: memberHalfId(openid),
        kind: MEMBER_HALF_KIND,
        openid,
        ...homeFields(homeOf(report)),
      } as MemberHalfDoc as unknown as StatsDoc);
    for (const c of contributions) {
      const id = memberHalfId(c.openid);
      const report = homes.get(c.openid);
      const doc =
        out.get(id) ??
        ({
          _id: id,
          kind: MEMBER_HALF_KIND,
          openid: c.openid,
          ...homeFields(report ? homeOf(report) : null),
        } as MemberHalfDoc as unknown as StatsDoc);
      const field = `${c.half}_${c.field}`;
      doc[field] = countOf(doc, field) + 1;
      out.set(id, doc);
    }
    const aggregates: CounterDelta[] = [];
    for (const doc of out.values()) {
      const home = homeIn(doc);
      if (home)
        for (const half of halvesOf(doc).filter((h) => metIn(doc, h))) aggregates.push(...metDeltas(home, half, 1));
    }
    countersFromDeltas(mergeDeltas(aggregates), out);
    return out;
  },
};
