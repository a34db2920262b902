import { beijingDate } from '@shared/core/time';
import type { PairingNoticeView, PairingView, VisitView } from '@shared/org/pairing.contract';
import { photoUrls } from '../core/runtime/photos';
import type { Ctx } from '../core/runtime/router';
import type { PairingDoc, PairingNoticeDoc, PairingVisitDoc } from './pairing.documents';

/** This Beijing year. */
const thisYear = (ctx: Ctx) => Number(beijingDate(ctx.now).slice(0, 4));

/** Pairings as their readers see them, with each organisation's visits and problems solved this year (one query). */
export async function pairingViews(ctx: Ctx, pairings: PairingDoc[]): Promise<PairingView[]> {
  const year = thisYear(ctx);
  const orgIds = [...new Set(pairings.map((p) => p.orgId))];
  const visits = orgIds.length
    ? await ctx.store.find<PairingVisitDoc>('pairingVisits', {
        where: { orgId: { $in: orgIds }, year },
        limit: 1000,
      })
    : { items: [] };
  return pairings.map((p) => {
    const mine = visits.items.filter((v) => v.orgId === p.orgId);
    return {
      id: p._id,
      noticeId: p.noticeId,
      noticeTitle: p.noticeTitle,
      orgId: p.orgId,
      orgName: p.orgName,
      communityId: p.communityId,
      communityName: p.communityName,
      status: p.status,
      deadlineAt: p.deadlineAt,
      overdue: p.open && new Date(p.deadlineAt).getTime() <= ctx.now.getTime(),
      reason: p.reason,
      pairedAt: p.pairedAt,
      year,
      visits: mine.length,
      problemsSolved: mine.reduce((sum, v) => sum + v.problemsSolved, 0),
    };
  });
}

export async function pairingViewOf(ctx: Ctx, pairing: PairingDoc): Promise<PairingView> {
  return (await pairingViews(ctx, [pairing]))[0]!;
}

export async function visitViewOf(ctx: Ctx, visits: PairingVisitDoc[]): Promise<VisitView[]> {
  const url = await photoUrls(
    ctx.rt,
    visits.flatMap((v) => v.photos),
  );
  return visits.map((v) => ({
    id: v._id,
    date: v.date,
    membersPresent: v.membersPresent,
    problemsSolved: v.problemsSolved,
    note: v.note,
    photos: v.photos.map(url).filter((u): u is string => u !== null),
    loggedByName: v.loggedByName,
  }));
}

/** A notice with how its organisations stand (four counts, read at once). */
export async function noticeViewOf(ctx: Ctx, n: PairingNoticeDoc): Promise<PairingNoticeView> {
  const [waiting, requested, paired, overdue] = await Promise.all([
    ctx.store.count('pairings', { noticeId: n._id, status: 'waiting' }),
    ctx.store.count('pairings', { noticeId: n._id, status: 'requested' }),
    ctx.store.count('pairings', { noticeId: n._id, status: 'paired' }),
    ctx.store.count('pairings', { noticeId: n._id, open: true, deadlineAt: { $lte: ctx.now.toISOString() } }),
  ]);
  return {
    id: n._id,
    title: n.title,
    date: n.date,
    deadlineAt: n.deadlineAt,
    counts: { waiting, requested, paired, overdue },
  };
}
