import {
  countersFromDeltas,
  mergeDeltas,
  monthOf,
  shardOf,
  type CounterDelta,
  type StatsDoc,
} from '../core/runtime/counters';
import type { Doc } from '../core/store/store.port';
import type { ProblemDoc, WhistleDoc } from './whistle.documents';

/**
 * The district's whistle figures (吹哨报到统计), kept as the work happens: for each department and month of
 * whistling (Beijing), `SHARDS` (8) counter documents `whistle~<department>~<YYYYMM>~<shard>` in `stats` (a whistle
 * always counts in the same one, by its id: the deadline job marks many of one department's whistles overdue
 * at once, and their transactions would otherwise all write one document), holding the department's counts
 * of that month's whistles (`whistled`, `acknowledged`…) and each community's share of them
 * (`c~<community>~whistled`…). A whistle always counts in the month it was blown, whenever it is answered,
 * confirmed or rated. The district reads a month's documents by `districtId` and `month`.
 */
export const WHISTLE_KIND = 'whistle';

/**
 * `confirmed`: resolved (the problem's result confirmed in the whistle's round, with the department's
 * feedback); `late`: resolved, the feedback after the deadline; `overdue`: past the deadline, no feedback.
 */
export const tallyFields = [
  'whistled',
  'acknowledged',
  'responded',
  'respondedOnTime',
  'confirmed',
  'late',
  'overdue',
  'rated',
  'satisfied',
] as const;
export type TallyField = (typeof tallyFields)[number];
export type Tally = Record<TallyField, number>;

const tallyId = (departmentId: string, month: string, shard: number) =>
  `whistle~${departmentId}~${month.replace('-', '')}~${shard}`;

/** The counter document a whistle counts in. */
export const tallyIdOf = (w: WhistleDoc) => tallyId(w.departmentId, monthOf(w.whistledAt), shardOf(w));

/** Problem states in which the current round's result counts as confirmed. */
const RESOLVED = ['confirmed', 'closed', 'reopened'];
/** Problem states that rest on the resident's rating of the current round's result. */
const RATED = ['closed', 'reopened'];

/** What a whistle counts for itself: its own times and flags (a whistle's transitions change only these). */
function ownFacts(w: WhistleDoc): TallyField[] {
  const facts: TallyField[] = ['whistled'];
  if (w.acknowledgedAt) facts.push('acknowledged');
  if (w.respondedAt) facts.push('responded');
  if (w.respondedAt && w.respondedAt <= w.deadlineAt) facts.push('respondedOnTime');
  if (w.overdue && !w.respondedAt) facts.push('overdue');
  return facts;
}

/**
 * What a whistle counts through its problem: resolved when the problem's result was confirmed in the
 * whistle's round (or a later round began) and the department fed back; the resident's rating of the
 * round's result while the problem rests on it (closed, or reopened by it: a rating left on the problem
 * once a new round or the station's own handling takes it up is no longer counted). Only the problem's
 * moves change these.
 */
function outcomeFacts(w: WhistleDoc, p: ProblemDoc | undefined): TallyField[] {
  if (!p) return [];
  const facts: TallyField[] = [];
  const resolved = (p.round > w.round || RESOLVED.includes(p.status)) && !!w.respondedAt;
  if (resolved) facts.push('confirmed');
  if (resolved && w.respondedAt! > w.deadlineAt) facts.push('late');
  const rating = p.round === w.round && RATED.includes(p.status) ? p.rating : null;
  if (rating) facts.push('rated');
  if (rating === 'satisfied') facts.push('satisfied');
  return facts;
}

/** Everything a whistle counts, as its record and its problem say now (the rebuild's and the export's rule). */
export function whistleFacts(w: WhistleDoc, p: ProblemDoc | undefined): TallyField[] {
  return [...ownFacts(w), ...outcomeFacts(w, p)];
}

/** One whistle's change of facts as a delta of its department's month (with its community's share). */
function delta(w: WhistleDoc, now: TallyField[], was: TallyField[]): CounterDelta[] {
  const add: Record<string, number> = {};
  const bump = (f: TallyField, n: number) => {
    add[f] = (add[f] ?? 0) + n;
    add[`c~${w.communityId}~${f}`] = (add[`c~${w.communityId}~${f}`] ?? 0) + n;
  };
  for (const f of now) bump(f, 1);
  for (const f of was) bump(f, -1);
  for (const [k, n] of Object.entries(add)) if (n === 0) delete add[k];
  if (!Object.keys(add).length) return [];
  const month = monthOf(w.whistledAt);
  return [
    {
      id: tallyIdOf(w),
      base: { kind: WHISTLE_KIND, districtId: w.districtId, departmentId: w.departmentId, month },
      add,
    },
  ];
}

/** The whistle entity's `tally`: what its own move (acknowledged, answered, overdue…) changes. */
export function whistleTally(next: WhistleDoc, before: WhistleDoc | null): CounterDelta[] {
  return delta(next, ownFacts(next), before ? ownFacts(before) : []);
}

/** New whistles of a round, written with the problem's move (`next`): all they count. */
export function newWhistleDeltas(whistles: readonly WhistleDoc[], next: ProblemDoc): CounterDelta[] {
  return mergeDeltas(whistles.flatMap((w) => delta(w, whistleFacts(w, next), [])));
}

/**
 * What a problem's move changes in its whistles' counts (resolution and rating follow the problem), from
 * its whistles as they are (every round's, read after the problem as it was before the move).
 */
export function outcomeDeltas(whistles: readonly WhistleDoc[], before: ProblemDoc, next: ProblemDoc): CounterDelta[] {
  return mergeDeltas(whistles.flatMap((w) => delta(w, outcomeFacts(w, next), outcomeFacts(w, before))));
}

/**
 * Can this move of a problem change its whistles' resolution or rating? Only a new round, or a move into or
 * out of the states that count its round's result as confirmed (the rating is given in one of them).
 */
export function outcomesMayChange(p: ProblemDoc, event: string, to: string | null): boolean {
  return p.round > 0 && (event === 'whistle' || RESOLVED.includes(p.status) || (!!to && RESOLVED.includes(to)));
}

/** The counters as the records say (the rebuild's source, in deployed/stats.ts): every whistle with its problem. */
export const whistleCounters = {
  collections: ['whistles', 'problems'],
  counters(records: (collection: string) => Iterable<Doc>): Map<string, StatsDoc> {
    const problems = new Map<string, ProblemDoc>();
    for (const p of records('problems') as Iterable<ProblemDoc>) problems.set(p._id, p);
    const out = new Map<string, StatsDoc>();
    for (const w of records('whistles') as Iterable<WhistleDoc>) {
      // Not a whistle the change step made (a bare test document): nothing to count it by.
      if (!w.departmentId || !w.districtId || !w.communityId || !w.whistledAt) continue;
      countersFromDeltas(delta(w, whistleFacts(w, problems.get(w.problemId)), []), out);
    }
    return out;
  },
};
