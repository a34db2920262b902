import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import type { ReportStatus } from '@shared/checkin/report.rules';
import { beijing } from '@shared/core/time';
import { call } from '../../../api/call';
import { Empty, ErrorView, Loading } from '../../../components/states';
import { StatusTag } from '../../../components/status-tag';
import { usePaged } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';

const tabs: Array<{ status?: ReportStatus; label: string }> = [
  { label: '全部' },
  { status: 'approved', label: '已报到' },
  { status: 'pending', label: '待审核' },
];

/** 回执: the employer organisation sees where each member reported and whether the community approved. */
export default function Receipts() {
  useDevLoginGuard('pages/checkin/receipts/index');
  const [status, setStatus] = useState<ReportStatus | undefined>(undefined);
  const list = usePaged((cursor) => call('checkin', 'orgReceipts', { ...(status ? { status } : {}), cursor, limit: 20 }), [status]);
  usePullDownRefresh(() => void list.refresh().finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void list.more());
  const body = () => {
    if (list.state === 'loading') return <Loading />;
    if (list.state === 'error' && list.error) return <ErrorView error={list.error} onRetry={list.refresh} />;
    if (list.items.length === 0) return <Empty title="暂无报到回执" hint="本单位党员在社区报到后，回执会显示在这里" />;
    return (
      <View>
        {list.items.map((r) => (
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
            <View className="list-line">{r.reviewedAt && r.status === 'approved' ? `回执时间：${beijing(r.reviewedAt)}` : `提交时间：${beijing(r.submittedAt)}`}</View>
          </View>
        ))}
        <View className="load-more" onClick={() => void list.more()}>
          {list.state === 'more' ? '加载中…' : list.next ? '加载更多' : '没有更多了'}
        </View>
      </View>
    );
  };
  return (
    <View className="page">
      <View className="tabs">
        {tabs.map((t) => (
          <View key={t.label} className={`tab ${t.status === status ? 'tab-active' : ''}`} onClick={() => setStatus(t.status)}>
            {t.label}
          </View>
        ))}
      </View>
      {body()}
    </View>
  );
}
