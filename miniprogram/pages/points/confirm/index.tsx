import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import { reviewSummary } from '@shared/points/points.rules';
import { beijing } from '@shared/core/time';
import { call, type Output } from '../../../api/call';
import { NoteAction } from '../../../components/note-action';
import { PagedList } from '../../../components/paged-list';
import { useListPage } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';
import { limits } from '../../../components/limits';
import { confirmFirst } from '../../../hooks/confirm';
import { ListFilterBar, type Filter } from '../../../components/list-filter';

/** Built for doing many quickly: confirm all shown at once, or one by one; a rejection needs a reason. */
export default function ConfirmServices() {
  useDevLoginGuard('pages/points/confirm/index');
  const [filter, setFilter] = useState<Filter>({});
  const list = useListPage(
    (cursor) => call('points', 'pendingServices', { ...filter, cursor, limit: 50 }),
    [JSON.stringify(filter)],
  );
  const review = async (ids: string[], decision: 'confirm' | 'reject', reason?: string) => {
    let res: Output<'points', 'reviewServices'>;
    try {
      res = await call('points', 'reviewServices', { serviceIds: ids, decision, ...(reason ? { reason } : {}) });
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
      return;
    }
    // Each record reports its own outcome: say how many went through and why the others did not.
    const summary = reviewSummary(decision, res.results);
    if (summary.failed.length)
      void Taro.showModal({ title: summary.title, content: summary.failed.join('\n'), showCancel: false });
    else void Taro.showToast({ title: summary.title, icon: 'none' });
    const done = new Set(res.results.filter((r) => r.ok).map((r) => r.id));
    list.setItems((old) => old.filter((x) => !done.has(x.id)));
  };
  // 全部确认 credits points to everyone shown at once: ask first.
  const confirmAll = async () => {
    const ids = list.items.map((s) => s.id);
    const sure = await confirmFirst({
      title: '全部确认',
      content: `确认列表中的${ids.length}条服务时长？确认后将按时长发放积分，不能撤回。`,
    });
    if (sure) await review(ids, 'confirm');
  };
  return (
    <Page title="确认服务时长">
      <ListFilterBar value={filter} onChange={setFilter} noGrid placeholder="党员姓名或服务内容" />
      {list.items.length > 1 ? (
        <View className="float-action">
          <Button type="primary" block onClick={() => void confirmAll()}>
            全部确认（{list.items.length}条）
          </Button>
        </View>
      ) : null}
      <PagedList list={list} empty={{ title: '没有待确认的服务时长' }}>
        {(s) => (
          <View key={s.id} className="list-item" data-testid="pending-service" data-name={s.memberName}>
            <View className="row">
              <View className="card-title">{s.memberName}</View>
              <View className="tag tag-pending">{s.hours > 0 ? `${s.hours}小时` : `${s.points ?? 0}积分`}</View>
            </View>
            <View className="list-line">{s.description}</View>
            <View className="list-line">
              {beijing(s.at, 'YYYY-MM-DD')}
              {s.unitName ? ` · ${s.unitName}` : ''}
            </View>
            <View className="actions">
              <NoteAction
                label="驳回"
                placeholder="驳回原因（党员可见）"
                confirm="确认驳回"
                limit={limits.serviceReason}
                danger
                onSubmit={(reason) => review([s.id], 'reject', reason)}
              />
              <Button type="primary" onClick={() => void review([s.id], 'confirm')}>
                确认
              </Button>
            </View>
          </View>
        )}
      </PagedList>
    </Page>
  );
}
