import type { DataItem } from '@shared/org/account.contract';
import { isFailure } from '@shared/core/result';
import { excerpt } from '@shared/core/text';
import { wishStatusLabels } from '@shared/wish/wish.rules';
import { scrubRecord, transition, type Changer } from '../core/runtime/change';
import { drain, erasedAlready, ownPage } from '../core/runtime/own-data';
import { type Subject } from '../core/runtime/pseudonym';
import type { Store } from '../core/store/store.port';
import type { WishDoc } from './wish.documents';
import { wishEntity } from './wish.entity';

/** 我的数据 and 注销 for 微心愿: the wishes the person posted and those they claimed. */
type Touched = { entity: string; entityId: string };

function item(w: WishDoc, at: string, lines: string[]): DataItem {
  return { id: w._id, title: w.title, status: wishStatusLabels[w.status], at, lines };
}

export async function postedWishesOf(store: Store, openid: string, cursor?: string | null) {
  const page = await ownPage<WishDoc>(store, 'wishes', { openid }, 'createdAt', cursor);
  return {
    items: page.items.map((w) =>
      item(w, w.createdAt, [
        `联系人：${w.residentName ?? '未填写'}，手机号：${w.residentPhone}`,
        `说明：${excerpt(w.description, 60)}`,
        w.phoneConsent ? '同意认领党员查看完整手机号' : '认领党员只看到隐藏中间四位的手机号',
        ...(w.photo ? ['附有照片1张'] : []),
      ]),
    ),
    next: page.next,
  };
}

export async function claimedWishesOf(store: Store, openid: string, cursor?: string | null) {
  const page = await ownPage<WishDoc>(store, 'wishes', { claimedBy: openid }, 'claimedAt', cursor);
  return {
    items: page.items.map((w) =>
      item(w, w.claimedAt ?? w.createdAt, [
        ...(w.fulfilNote ? [`完成说明：${excerpt(w.fulfilNote, 60)}`] : []),
        ...(w.thanks ? [`居民感谢：${excerpt(w.thanks, 60)}`] : []),
      ]),
    ),
    next: page.next,
  };
}

/** The names and numbers the person typed on their wishes. */
export async function wishIdentity(store: Store, openid: string): Promise<{ names: string[]; phones: string[] }> {
  const all = await store.find<WishDoc>('wishes', {
    where: { openid },
    orderBy: [['createdAt', 'desc']],
    limit: 1000,
  });
  return {
    names: all.items.flatMap((w) => (w.residentName ? [w.residentName] : [])),
    phones: all.items.map((w) => w.residentPhone),
  };
}

/**
 * What must be finished first: a wish of theirs a member is working on (it needs its resident, or the unit
 * leader, to confirm), and a wish they claimed and have not finished or given up (its resident waits).
 */
export async function wishBlockers(store: Store, openid: string): Promise<string[]> {
  const [posted, claimed] = await Promise.all([
    store.find<WishDoc>('wishes', {
      where: { openid, status: { $in: ['claimed', 'fulfilled'] } },
      orderBy: [['createdAt', 'desc']],
      limit: 20,
    }),
    store.find<WishDoc>('wishes', {
      where: { claimedBy: openid, status: { $in: ['claimed', 'fulfilled'] } },
      orderBy: [['claimedAt', 'desc']],
      limit: 20,
    }),
  ]);
  return [
    ...posted.items.map((w) =>
      w.status === 'fulfilled'
        ? `您的心愿“${w.title}”已办完，请先在“我的微心愿”中确认完成`
        : `您的心愿“${w.title}”正由党员办理，请等办完并确认后再注销（不再需要可联系社区工作站）`,
    ),
    ...claimed.items.map((w) =>
      w.status === 'claimed'
        ? `您认领的心愿“${w.title}”还未完成，请先在“我认领的心愿”中完成或放弃`
        : `您认领的心愿“${w.title}”正等待居民确认，确认后再注销（可请单元长或社区工作站协助确认）`,
    ),
  ];
}

/**
 * 注销 in this feature. A wish not yet claimed (待审核, 待认领) is cancelled: nobody can arrange it with a
 * person who is gone. Every wish they posted keeps its title, description and timeline (a confirmed one
 * is a member's service record) under the pseudonym, without the contact name, the phone number, the
 * consent to be called or the photo they took. A wish they claimed keeps the pseudonym as its claimant
 * (the half-year rule and the service record stay true), without their completion photo.
 * The claim-limit document (`wishHolds`, keyed by the OPENID) goes: no claim of theirs is open.
 */
export async function eraseWishes(c: Changer, subject: Subject): Promise<Touched[]> {
  const { store } = c;
  // Wishes a first run already took them out of (a closing resumed after a fault).
  const earlier = await Promise.all([
    erasedAlready(store, 'wishes', { openid: subject.pseudonym }, 'createdAt'),
    erasedAlready(store, 'wishes', { claimedBy: subject.pseudonym }, 'claimedAt'),
  ]);
  const touched: Touched[] = earlier.flat().map((entityId) => ({ entity: 'wishes', entityId }));
  await drain<WishDoc>(store, 'wishes', { openid: subject.openid }, 'createdAt', async (w) => {
    let doc = w;
    if (w.status === 'pending_review' || w.status === 'open') {
      const moved = await transition(c, wishEntity, w, 'cancel', { as: 'owner', note: '发布人已注销账号' });
      doc = isFailure(moved) ? ((await store.get<WishDoc>('wishes', w._id)) ?? w) : moved.doc;
    }
    await scrubRecord(store, 'wishes', doc, subject, {
      openid: subject.pseudonym,
      residentName: null,
      residentPhone: '',
      phoneConsent: false,
    });
    touched.push({ entity: 'wishes', entityId: w._id });
  });
  await drain<WishDoc>(store, 'wishes', { claimedBy: subject.openid }, 'claimedAt', async (w) => {
    await scrubRecord(store, 'wishes', w, subject, { claimedBy: subject.pseudonym });
    touched.push({ entity: 'wishes', entityId: w._id });
  });
  await store.transaction(async (tx) => {
    if (await tx.get('wishHolds', subject.openid)) await tx.remove('wishHolds', subject.openid);
  });
  return touched;
}
