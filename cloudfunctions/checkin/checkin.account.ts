import { enrolmentStatusLabels } from '@shared/checkin/enrolment.rules';
import type { DataItem } from '@shared/org/account.contract';
import { beijing } from '@shared/core/time';
import { isFailure } from '@shared/core/result';
import { transition, type Changer } from '../core/runtime/change';
import { loadByIds, loadPlaces, nameOf } from '../core/runtime/lookup';
import { drain, erasedAlready, ownPage } from '../core/runtime/own-data';
import { ERASED_NAME, pseudonymousId, scrub, type Subject } from '../core/runtime/pseudonym';
import type { Doc, Store } from '../core/store/store.port';
import type { AttendanceDoc, EnrolmentDoc, PostClaimDoc, PostDoc, RegistrationDoc } from './checkin.documents';
import { enrolmentEntity } from './checkin.entities';
import { renameMember } from './half-year.stats';

/**
 * 我的数据 and 注销 for 报到, posts and activities: the person's 报到 records, activity attendances and post
 * claims; what stops a closing; and the erasing.
 */
export type Touched = { entity: string; entityId: string };

export async function enrolmentsOf(store: Store, openid: string, cursor?: string | null) {
  const page = await ownPage<EnrolmentDoc>(store, 'reports', { openid }, 'submittedAt', cursor);
  const [communities, units, orgs] = await Promise.all([
    loadPlaces(
      store,
      'communities',
      page.items.map((r) => r.communityId),
    ),
    loadPlaces(
      store,
      'units',
      page.items.map((r) => r.unitId),
    ),
    loadPlaces(
      store,
      'orgs',
      page.items.map((r) => r.orgId),
    ),
  ]);
  return {
    items: page.items.map((r): DataItem => ({
      id: r._id,
      title: nameOf(communities, r.communityId),
      status: enrolmentStatusLabels[r.status],
      at: r.submittedAt,
      lines: [
        `姓名：${r.name}，手机号：${r.phone}`,
        `居住单元：${nameOf(units, r.unitId)}`,
        `报到单位：${nameOf(orgs, r.orgId)}`,
        ...(r.reason ? [`驳回原因：${r.reason}`] : []),
      ],
    })),
    next: page.next,
  };
}

export async function attendanceOf(store: Store, openid: string, cursor?: string | null) {
  const page = await ownPage<AttendanceDoc>(store, 'attendance', { openid }, 'checkInAt', cursor);
  return {
    items: page.items.map((a): DataItem => ({
      id: a._id,
      title: a.activityTitle,
      status: a.checkOutAt ? '已签退' : '已签到',
      at: a.checkInAt,
      lines: [
        `签到：${beijing(a.checkInAt)}${a.checkOutAt ? `，签退：${beijing(a.checkOutAt)}` : ''}`,
        ...(a.hours !== null ? [`服务时长：${a.hours}小时`] : []),
        ...(a.distanceM !== null ? [`签到时距活动地点约${a.distanceM}米（位置本身不保存）`] : []),
      ],
    })),
    next: page.next,
  };
}

export async function postClaimsOf(store: Store, openid: string, cursor?: string | null) {
  const page = await ownPage<PostClaimDoc>(store, 'postClaims', { openid }, 'claimedAt', cursor);
  const posts = await loadByIds<PostDoc>(store, 'posts', [...new Set(page.items.map((c) => c.postId))]);
  return {
    items: page.items.map((c): DataItem => ({
      id: c._id,
      title: posts.get(c.postId)?.name ?? '岗位',
      status: c.status === 'active' ? '认领中' : '已退出',
      at: c.claimedAt,
      lines: [posts.get(c.postId)?.duty ?? ''].filter(Boolean),
    })),
    next: page.next,
  };
}

/** The names and phone numbers the person typed into their 报到 (to take out of every text). */
export async function enrolmentIdentity(store: Store, openid: string): Promise<{ names: string[]; phones: string[] }> {
  const all = await store.find<EnrolmentDoc>('reports', { where: { openid }, limit: 100 });
  return { names: all.items.map((r) => r.name), phones: all.items.map((r) => r.phone) };
}

/** What must be finished before the person can go: a post place they still hold (others cannot take it). */
export async function checkinBlockers(store: Store, openid: string): Promise<string[]> {
  const active = await store.find<PostClaimDoc>('postClaims', {
    where: { openid },
    orderBy: [['claimedAt', 'desc']],
    limit: 100,
  });
  const held = active.items.filter((c) => c.status === 'active');
  if (!held.length) return [];
  const posts = await loadByIds<PostDoc>(
    store,
    'posts',
    held.map((c) => c.postId),
  );
  return held.map((c) => `您仍认领着岗位“${posts.get(c.postId)?.name ?? ''}”，请先在“岗位认领”中退出`);
}

/** A document moved to an id with the pseudonym in place of the OPENID, in one transaction. */
async function rekey(store: Store, collection: string, doc: Doc, next: Doc): Promise<void> {
  await store.transaction(async (tx) => {
    if (!(await tx.get(collection, doc._id))) return;
    if (!(await tx.get(collection, next._id))) await tx.insert(collection, next);
    await tx.remove(collection, doc._id);
  });
}

/**
 * 注销 in this feature. Erased: the name and phone of every 报到 (the station's and the organisation's lists
 * show 已注销用户), a pending 报到 withdrawn first (nobody should approve a person who is gone). Kept, under
 * the pseudonym: 报到 records (a receipt the organisation filed), attendances (an activity's attendance and
 * the service records and points that came of it), released post claims. 报到 and post claims are keyed by
 * the OPENID (`<community>~<openid>`): they move to the pseudonym's key, or the same WeChat user reporting
 * again would meet the old one. An attendance keeps its key (`<activity>~<openid>`): its service record and
 * ledger entry are keyed by it, and the ledger is never rewritten; nothing reads it by a person after the
 * activity's window.
 */
export async function eraseCheckin(c: Changer, subject: Subject): Promise<Touched[]> {
  const { store } = c;
  const pseudonym = { openid: subject.pseudonym };
  // Records a first run moved: by the key they had (those moved to the pseudonym's key, back to it).
  const original = (id: string) => id.split(subject.pseudonym).join(subject.openid);
  const earlier = await Promise.all([
    erasedAlready(store, 'reports', pseudonym, 'submittedAt').then((ids) => ids.map(original)),
    erasedAlready(store, 'attendance', pseudonym, 'checkInAt'),
    erasedAlready(store, 'postClaims', pseudonym, 'claimedAt').then((ids) => ids.map(original)),
  ]);
  const touched: Touched[] = (['reports', 'attendance', 'postClaims'] as const).flatMap((entity, i) =>
    (earlier[i] ?? []).map((entityId) => ({ entity, entityId })),
  );
  await drain<EnrolmentDoc>(store, 'reports', { openid: subject.openid }, 'submittedAt', async (r) => {
    let doc = r;
    if (r.status === 'pending') {
      const moved = await transition(c, enrolmentEntity, r, 'withdraw', { as: 'owner', note: '账号注销' });
      if (!isFailure(moved)) doc = moved.doc;
      else doc = (await store.get<EnrolmentDoc>('reports', r._id)) ?? r;
    }
    const next = {
      ...(scrub(doc, subject) as EnrolmentDoc),
      _id: pseudonymousId(subject, doc._id),
      openid: subject.pseudonym,
      name: ERASED_NAME,
      phone: '',
    };
    await rekey(store, 'reports', doc, next);
    touched.push({ entity: 'reports', entityId: doc._id });
  });
  await drain<AttendanceDoc>(store, 'attendance', { openid: subject.openid }, 'checkInAt', async (a) => {
    await store.update('attendance', { _id: a._id }, { openid: subject.pseudonym, name: ERASED_NAME });
    touched.push({ entity: 'attendance', entityId: a._id });
  });
  await drain<PostClaimDoc>(store, 'postClaims', { openid: subject.openid }, 'claimedAt', async (p) => {
    await rekey(store, 'postClaims', p, { ...p, _id: pseudonymousId(subject, p._id), openid: subject.pseudonym });
    touched.push({ entity: 'postClaims', entityId: p._id });
  });
  // Their half-year tally follows their records to the pseudonym (its place, their 报到, keeps its status).
  await renameMember(store, subject.openid, subject.pseudonym);
  return touched;
}

/**
 * 注销: the person's sign-ups for activities (keyed `<activity>~<openid>`, found through their audit records)
 * move to the pseudonym's key: each activity's count stays true, its reminders go to nobody, and the same
 * WeChat user coming back signs up anew.
 */
export async function moveRegistrations(store: Store, subject: Subject, ids: readonly string[]): Promise<Touched[]> {
  const touched: Touched[] = [];
  for (const id of new Set(ids)) {
    const doc = await store.get<RegistrationDoc>('registrations', id);
    if (!doc || doc.openid !== subject.openid) continue;
    await rekey(store, 'registrations', doc, { ...doc, _id: pseudonymousId(subject, id), openid: subject.pseudonym });
    touched.push({ entity: 'registrations', entityId: id });
  }
  return touched;
}
