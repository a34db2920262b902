import { Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import type { EnrolmentStatus } from '@shared/checkin/enrolment.rules';
import { beijing } from '@shared/core/time';
import { call, type Output } from '../../../api/call';
import { PagedList, Tabs } from '../../../components/paged-list';
import { StatusTag } from '../../../components/status-tag';
import { useListPage } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';
import { Counter, FieldError } from '../../../components/form';
import { limits, overLimit } from '../../../components/limits';
import { confirmFirst } from '../../../hooks/confirm';
import { ListFilterBar, openedFilter, type Filter } from '../../../components/list-filter';
import { useRoles } from '../../../hooks/use-roles';

type Item = Output<'checkin', 'listReports'>['items'][number];
const tabs: Array<{ value: EnrolmentStatus; label: string }> = [
  { value: 'pending', label: '待审核' },
  { value: 'approved', label: '已报到' },
  { value: 'rejected', label: '已驳回' },
];

function ReviewItem({ item, onReviewed }: { item: Item; onReviewed: (id: string) => void }) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const review = async (decision: 'approve' | 'reject') => {
    // 通过 sends the receipt to the member's organisation at once: ask first.
    if (
      decision === 'approve' &&
      !(await confirmFirst({
        title: '通过报到',
        content: `通过${item.name}的报到？通过后将向其所在单位发出报到回执。`,
        confirmText: '通过',
      }))
    )
      return;
    setBusy(true);
    try {
      await call('checkin', 'reviewReport', {
        reportId: item.id,
        decision,
        ...(decision === 'reject' ? { reason } : {}),
      });
      void Taro.showToast({ title: decision === 'approve' ? '已通过' : '已驳回', icon: 'none' });
      onReviewed(item.id);
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
      setBusy(false);
    }
  };
  return (
    <View className="list-item" data-testid="review-item" data-name={item.name}>
      <View className="row">
        <View className="card-title">{item.name}</View>
        <StatusTag status={item.status} />
      </View>
      <View className="list-line">电话：{item.phone}</View>
      <View className="list-line">单位：{item.orgName}</View>
      <View className="list-line">
        居住：{item.gridName} {item.unitName}
      </View>
      <View className="list-line">提交：{beijing(item.submittedAt)}</View>
      {item.reason ? <View className="list-line">驳回原因：{item.reason}</View> : null}
      {item.status === 'pending' && rejecting ? (
        <View className="inline-form">
          <Textarea
            className="field-input field-textarea inline-textarea"
            placeholder="请填写驳回原因（必填）"
            value={reason}
            maxlength={-1}
            nativeProps={{ 'aria-label': '驳回原因' }}
            onInput={(e) => setReason(e.detail.value)}
          />
          <Counter value={reason.trim()} max={limits.enrolmentReason} />
          <FieldError text={overLimit(reason.trim(), limits.enrolmentReason)} />
          <View className="actions">
            <Button onClick={() => setRejecting(false)}>取消</Button>
            <Button
              type="danger"
              disabled={busy || !reason.trim() || reason.trim().length > limits.enrolmentReason}
              onClick={() => void review('reject')}
            >
              确认驳回
            </Button>
          </View>
        </View>
      ) : null}
      {item.status === 'pending' && !rejecting ? (
        <View className="actions">
          <Button disabled={busy} onClick={() => setRejecting(true)}>
            驳回
          </Button>
          <Button type="primary" disabled={busy} loading={busy} onClick={() => void review('approve')}>
            通过
          </Button>
        </View>
      ) : null}
    </View>
  );
}

/** The station reviews members' 报到 (enrolments); the district sees the same lists read-only. */
export default function Review() {
  useDevLoginGuard('pages/checkin/review/index');
  // Opened from a dashboard figure, the page shows that state's tab (`?status=`).
  const params = useRouter().params;
  const opened = params.status as EnrolmentStatus | undefined;
  const [status, setStatus] = useState<EnrolmentStatus>(
    opened && tabs.some((t) => t.value === opened) ? opened : 'pending',
  );
  // Opened from a grid of the dashboard: narrowed to it (`?gridId=`).
  const [filter, setFilter] = useState<Filter>(() => openedFilter(params));
  const { me } = useRoles();
  const station = me.data?.grants.find((g) => g.role === 'stationAdmin')?.scopeId ?? null;
  const list = useListPage(
    (cursor) => call('checkin', 'listReports', { status, ...filter, cursor, limit: 20 }),
    [status, JSON.stringify(filter)],
  );
  return (
    <Page title="报到审核">
      <Tabs tabs={tabs} value={status} onChange={setStatus} />
      <ListFilterBar value={filter} onChange={setFilter} communityId={station} pickCommunity={!station && !!me.data} />
      <PagedList list={list} empty={{ title: status === 'pending' ? '暂无待审核的报到' : '暂无记录' }}>
        {(item) => (
          <ReviewItem
            key={item.id}
            item={item}
            onReviewed={(id) => list.setItems((old) => old.filter((x) => x.id !== id))}
          />
        )}
      </PagedList>
    </Page>
  );
}
