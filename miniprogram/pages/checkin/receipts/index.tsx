import { View } from '@tarojs/components';
import { useState } from 'react';
import type { EnrolmentStatus } from '@shared/checkin/enrolment.rules';
import { beijing } from '@shared/core/time';
import { call } from '../../../api/call';
import { PagedList, Tabs } from '../../../components/paged-list';
import { StatusTag } from '../../../components/status-tag';
import { useListPage } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';
import { ListFilterBar, type Filter } from '../../../components/list-filter';

const tabs: Array<{ value: EnrolmentStatus | undefined; label: string }> = [
  { value: undefined, label: '全部' },
  { value: 'approved', label: '已报到' },
  { value: 'pending', label: '待审核' },
];

/** 回执: the employer organisation sees where each member reported and whether the community approved. */
export default function Receipts() {
  useDevLoginGuard('pages/checkin/receipts/index');
  const [status, setStatus] = useState<EnrolmentStatus | undefined>(undefined);
  const [filter, setFilter] = useState<Filter>({});
  const list = useListPage(
    (cursor) => call('checkin', 'orgReceipts', { ...(status ? { status } : {}), ...filter, cursor, limit: 20 }),
    [status, JSON.stringify(filter)],
  );
  return (
    <Page title="报到回执">
      <Tabs tabs={tabs} value={status} onChange={setStatus} />
      <ListFilterBar value={filter} onChange={setFilter} noGrid />
      <PagedList list={list} empty={{ title: '暂无报到回执', hint: '本单位党员在社区报到后，回执会显示在这里' }}>
        {(r) => (
          <View key={r.id} className="list-item" data-testid="receipt" data-name={r.name}>
            <View className="row">
              <View className="card-title">{r.name}</View>
              <StatusTag status={r.status} />
            </View>
            <View className="list-line">电话：{r.phone}</View>
            <View className="list-line">报到社区：{r.communityName}</View>
            <View className="list-line">
              居住：{r.gridName} {r.unitName}
            </View>
            <View className="list-line">
              {r.reviewedAt && r.status === 'approved'
                ? `回执时间：${beijing(r.reviewedAt)}`
                : `提交时间：${beijing(r.submittedAt)}`}
            </View>
          </View>
        )}
      </PagedList>
    </Page>
  );
}
