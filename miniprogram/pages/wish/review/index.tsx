import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import type { WishStatus } from '@shared/wish/wish.rules';
import { call } from '../../../api/call';
import { NoteAction } from '../../../components/note-action';
import { PagedList, Tabs } from '../../../components/paged-list';
import { WishCard } from '../../../components/wish-card';
import { runAction } from '../../../hooks/use-action';
import { useListPage } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';
import { limits } from '../../../components/limits';
import { afterConfirm } from '../../../hooks/confirm';
import { ListFilterBar, openedFilter, type Filter } from '../../../components/list-filter';
import { useRoles } from '../../../hooks/use-roles';

const tabs: Array<{ value: WishStatus; label: string }> = [
  { value: 'pending_review', label: '待审核' },
  { value: 'open', label: '待认领' },
  { value: 'claimed', label: '已认领' },
  { value: 'fulfilled', label: '待确认' },
  { value: 'confirmed', label: '已完成' },
];

/** The station (or a grid secretary) reviews wishes, watches them by state and releases stale claims. */
export default function ReviewWishes() {
  useDevLoginGuard('pages/wish/review/index');
  // Opened from a dashboard figure, the page shows that state's tab (`?status=`).
  const params = useRouter().params;
  const opened = params.status as WishStatus | undefined;
  const [status, setStatus] = useState<WishStatus>(
    opened && tabs.some((t) => t.value === opened) ? opened : 'pending_review',
  );
  // Opened from a grid of the dashboard: narrowed to it (`?gridId=`).
  const [filter, setFilter] = useState<Filter>(() => openedFilter(params));
  const { me, has } = useRoles();
  const station = me.data?.grants.find((g) => g.role === 'stationAdmin')?.scopeId ?? null;
  const list = useListPage(
    (cursor) => call('wish', 'listWishes', { status, ...filter, cursor, limit: 20 }),
    [status, JSON.stringify(filter)],
  );
  const drop = (id: string) => list.setItems((old) => old.filter((x) => x.id !== id));
  return (
    <Page title="心愿审核">
      <Tabs tabs={tabs} value={status} onChange={setStatus} />
      <ListFilterBar
        value={filter}
        onChange={setFilter}
        communityId={station}
        pickCommunity={!station && has('districtAdmin')}
        noGrid={!station && !has('districtAdmin')}
        placeholder="心愿标题、居民姓名，或完整手机号"
      />
      <PagedList list={list} empty={{ title: '暂无心愿' }}>
        {(w) => (
          <WishCard key={w.id} wish={w}>
            {w.status === 'pending_review' ? (
              <View className="actions">
                <NoteAction
                  label="驳回"
                  placeholder="驳回原因（居民可见）"
                  confirm="确认驳回"
                  limit={limits.wishReviewReason}
                  danger
                  onSubmit={(reason) =>
                    runAction(
                      () => call('wish', 'reviewWish', { wishId: w.id, decision: 'reject', reason }),
                      '已驳回',
                    ).then((r) => void (r && drop(w.id)))
                  }
                />
                <Button
                  type="primary"
                  onClick={() =>
                    void afterConfirm(
                      {
                        title: '通过审核',
                        content: `通过「${w.title}」？通过后社区党员都能看到并认领。`,
                        confirmText: '通过',
                      },
                      () =>
                        runAction(
                          () => call('wish', 'reviewWish', { wishId: w.id, decision: 'approve' }),
                          '已通过，党员可认领',
                        ).then((r) => r && drop(w.id)),
                    )
                  }
                >
                  通过
                </Button>
              </View>
            ) : null}
            {w.status === 'claimed' ? (
              <View className="actions">
                <NoteAction
                  label="释放认领"
                  placeholder="释放原因，如长期未完成"
                  confirm="确认释放"
                  limit={limits.releaseReason}
                  danger
                  onSubmit={(reason) =>
                    runAction(() => call('wish', 'releaseClaim', { wishId: w.id, reason }), '已释放').then(
                      (r) => void (r && drop(w.id)),
                    )
                  }
                />
              </View>
            ) : null}
          </WishCard>
        )}
      </PagedList>
    </Page>
  );
}
