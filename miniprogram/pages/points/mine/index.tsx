import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { beijing } from '@shared/core/time';
import { entryKindLabels, serviceStatusLabels } from '@shared/points/points.rules';
import { call } from '../../../api/call';
import { PagedList, Tabs } from '../../../components/paged-list';
import { useOnReturn, usePaged } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';

/** A member's balance, every credit and debit with its reason, and their service records' states. */
export default function MyPoints() {
  useDevLoginGuard('pages/points/mine/index');
  // Opened from a message about a service record, the page shows the records (`?tab=services`).
  const [tab, setTab] = useState<'ledger' | 'services'>(useRouter().params.tab === 'services' ? 'services' : 'ledger');
  const [balance, setBalance] = useState<number | null>(null);
  const ledger = usePaged(async (cursor) => {
    const res = await call('points', 'myPoints', { cursor, limit: 20 });
    setBalance(res.balance);
    return res;
  }, []);
  const services = usePaged((cursor) => call('points', 'myServices', { cursor, limit: 20 }), []);
  useOnReturn(() => void (ledger.refresh(), services.refresh()));
  usePullDownRefresh(
    () => void Promise.all([ledger.refresh(), services.refresh()]).finally(() => Taro.stopPullDownRefresh()),
  );
  useReachBottom(() => void (tab === 'ledger' ? ledger.more() : services.more()));
  const go = (url: string) => void Taro.navigateTo({ url });
  return (
    <Page title="我的积分">
      <View className="banner">
        <View className="banner-sub">当前积分</View>
        <View className="banner-title" data-testid="balance">
          {balance ?? '—'}
        </View>
      </View>
      <View className="actions" style={{ margin: '12px' }}>
        <Button onClick={() => go('/pages/points/log/index')}>登记服务</Button>
        <Button type="primary" onClick={() => go('/pages/points/shop/index')}>
          积分超市
        </Button>
        <Button onClick={() => go('/pages/points/orders/index')}>我的兑换</Button>
      </View>
      <Tabs
        tabs={[
          { value: 'ledger' as const, label: '积分明细' },
          { value: 'services' as const, label: '服务记录' },
        ]}
        value={tab}
        onChange={setTab}
      />
      {tab === 'ledger' ? (
        <PagedList list={ledger} empty={{ title: '还没有积分', hint: '服务时长经确认后获得积分' }}>
          {(e) => (
            <View key={e.id} className="list-item row" data-testid="entry">
              <View>
                <View className="card-title">{e.reason}</View>
                <View className="list-line">
                  {entryKindLabels[e.kind]} · {beijing(e.at)} · 余额 {e.balanceAfter}
                </View>
              </View>
              <View className={e.amount >= 0 ? 'stat-value' : 'card-title'}>
                {e.amount >= 0 ? `+${e.amount}` : e.amount}
              </View>
            </View>
          )}
        </PagedList>
      ) : (
        <PagedList
          list={services}
          empty={{ title: '还没有服务记录', hint: '参加活动、完成心愿或登记服务后会显示在这里' }}
        >
          {(s) => (
            <View key={s.id} className="list-item" data-testid="service">
              <View className="row">
                <View className="card-title">{s.description}</View>
                <View
                  className={`tag ${s.status === 'confirmed' ? 'tag-approved' : s.status === 'rejected' ? 'tag-rejected' : 'tag-pending'}`}
                >
                  {serviceStatusLabels[s.status]}
                </View>
              </View>
              <View className="list-line">
                {beijing(s.at, 'YYYY-MM-DD')} · {s.hours > 0 ? `${s.hours}小时` : '微心愿'}
                {s.unitName ? ` · ${s.unitName}` : ''}
                {s.points !== null ? ` · ${s.points}积分` : ''}
              </View>
              {s.reason ? <View className="list-line">原因：{s.reason}</View> : null}
            </View>
          )}
        </PagedList>
      )}
    </Page>
  );
}
