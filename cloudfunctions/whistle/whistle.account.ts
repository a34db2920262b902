import type { DataItem } from '@shared/org/account.contract';
import { excerpt } from '@shared/core/text';
import { problemStatusLabels } from '@shared/whistle/whistle.rules';
import { scrubRecord, type Changer } from '../core/runtime/change';
import { drain, erasedAlready, ownPage } from '../core/runtime/own-data';
import type { Subject } from '../core/runtime/pseudonym';
import type { Store } from '../core/store/store.port';
import type { ProblemDoc } from './whistle.documents';

/** 我的数据 and 注销 for 吹哨报到: the problems the person reported. */
type Touched = { entity: string; entityId: string };

export async function problemsOf(store: Store, openid: string, cursor?: string | null) {
  const page = await ownPage<ProblemDoc>(store, 'problems', { openid }, 'createdAt', cursor);
  return {
    items: page.items.map((p): DataItem => ({
      id: p._id,
      title: p.category,
      status: problemStatusLabels[p.status],
      at: p.createdAt,
      lines: [
        excerpt(p.description, 60),
        `联系人：${p.reporterName ?? '未填写'}，手机号：${p.reporterPhone}`,
        p.shareIdentity ? '社区已向处理部门共享您的联系方式' : '处理部门看不到您的联系方式',
        ...(p.photos.length ? [`附有照片${p.photos.length}张`] : []),
      ],
    })),
    next: page.next,
  };
}

/** The names and numbers the person typed on their problem reports. */
export async function problemIdentity(store: Store, openid: string): Promise<{ names: string[]; phones: string[] }> {
  const all = await store.find<ProblemDoc>('problems', {
    where: { openid },
    orderBy: [['createdAt', 'desc']],
    limit: 1000,
  });
  return {
    names: all.items.flatMap((p) => (p.reporterName ? [p.reporterName] : [])),
    phones: all.items.map((p) => p.reporterPhone),
  };
}

/**
 * 注销 in this feature. A problem is the neighbourhood's, not the person's: it stays, open ones keep being
 * handled, with its timeline, whistles and the departments' figures, under the pseudonym. Erased: the
 * reporter's name and phone, the sharing of their identity, and the photos they took (an upload's path
 * carries a key made from their OPENID, and a photo of a doorway may show their home); the description
 * stays (it says what is wrong, for the station and the departments). Messages about it to the reporter
 * are no longer written (messages' `deliver` skips pseudonyms).
 */
export async function eraseProblems(c: Changer, subject: Subject): Promise<Touched[]> {
  // Problems a first run already took them out of (a closing resumed after a fault).
  const earlier = await erasedAlready(c.store, 'problems', { openid: subject.pseudonym }, 'createdAt');
  const touched: Touched[] = earlier.map((entityId) => ({ entity: 'problems', entityId }));
  await drain<ProblemDoc>(c.store, 'problems', { openid: subject.openid }, 'createdAt', async (p) => {
    await scrubRecord(c.store, 'problems', p, subject, {
      openid: subject.pseudonym,
      reporterName: null,
      reporterPhone: '',
      shareIdentity: false,
    });
    touched.push({ entity: 'problems', entityId: p._id });
  });
  return touched;
}

/**
 * 注销: the person's 我也遇到 marks on neighbours' problems (keyed `<problem>~<openid>`, one per person) move to
 * the pseudonym's key: each problem's count stays true, and the same WeChat user coming back counts anew.
 */
export async function moveMeToos(store: Store, subject: Subject, problemIds: readonly string[]): Promise<number> {
  let moved = 0;
  for (const problemId of new Set(problemIds))
    await store.transaction(async (tx) => {
      const mark = await tx.get('meToos', `${problemId}~${subject.openid}`);
      if (!mark) return;
      const to = `${problemId}~${subject.pseudonym}`;
      if (!(await tx.get('meToos', to))) await tx.insert('meToos', { ...mark, _id: to });
      await tx.remove('meToos', mark._id);
      moved++;
    });
  return moved;
}
