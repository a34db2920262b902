import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { beijing } from '@shared/core/time';
import { call } from '../../../api/call';
import { ErrorView, Loading } from '../../../components/states';
import { PagedList } from '../../../components/paged-list';
import { useLoad, useOnReturn, usePaged } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';

/** A member's attendance, total hours, and where they stand against the half-year rule. */
export default function Service() {
  useDevLoginGuard('pages/checkin/service/index');
  const summary = useLoad(() => call('checkin', 'myService', { limit: 1 }), []);
  const list = usePaged((cursor) => call('checkin', 'myService', { cursor, limit: 20 }), []);
  useOnReturn(() => void (summary.reload(), list.refresh()));
  usePullDownRefresh(
    () => void Promise.all([summary.reload(), list.refresh()]).finally(() => Taro.stopPullDownRefresh()),
  );
  useReachBottom(() => void list.more());
  if (summary.state === 'loading')
    return (
      <Page title="我的服务">
        <Loading />
      </Page>
    );
  if (summary.state === 'error')
    return (
      <Page title="我的服务">
        <ErrorView error={summary.error} onRetry={summary.reload} />
      </Page>
    );
  const { totalHours, halfYear } = summary.data;
  return (
    <Page title="我的服务">
      <View className="stat">
        <View className="stat-item">
          <View className="stat-value" data-testid="total-hours">
            {totalHours}
          </View>
          <View className="stat-label">累计服务小时</View>
        </View>
        <View className="stat-item">
          <View className="stat-value">{halfYear.services}</View>
          <View className="stat-label">半年内服务</View>
        </View>
        <View className="stat-item">
          <View className="stat-value">{halfYear.claims}</View>
          <View className="stat-label">半年内认领</View>
        </View>
      </View>
      <View className="card" data-testid="half-year">
        <View className="card-title">{halfYear.label}履责情况</View>
        {halfYear.met ? (
          <View className="ok-text">已达到要求：每半年至少服务1次、认领1项</View>
        ) : (
          halfYear.missing.map((m) => (
            <View key={m} className="missing">
              还需：{m}
            </View>
          ))
        )}
      </View>
      <View className="section-title">活动签到记录</View>
      <PagedList
        list={list}
        empty={{ title: '还没有活动签到记录', hint: '参加社区活动并扫码签到、签退后会记录在这里' }}
      >
        {(a) => (
          <View key={a.id} className="list-item">
            <View className="row">
              <View className="card-title">{a.activityTitle}</View>
              <View className={`tag ${a.checkOutAt ? 'tag-approved' : 'tag-pending'}`}>
                {a.hours !== null ? `${a.hours}小时` : '未签退'}
              </View>
            </View>
            <View className="list-line">签到：{beijing(a.checkInAt)}</View>
            {a.checkOutAt ? (
              <View className="list-line">
                签退：{beijing(a.checkOutAt)}
                {a.corrected ? '（组织者补签）' : ''}
              </View>
            ) : null}
          </View>
        )}
      </PagedList>
    </Page>
  );
}
