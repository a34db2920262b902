import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { beijing } from '@shared/core/time';
import { entryKindLabels, type OrderStatus } from '@shared/points/points.rules';
import { call, type Output } from '../../../api/call';
import { TextField } from '../../../components/form';
import { NoteAction } from '../../../components/note-action';
import { ErrorView, Loading } from '../../../components/states';
import { runAction } from '../../../hooks/use-action';
import { useListPage, useLoad } from '../../../hooks/use-call';
import { PagedList, Tabs } from '../../../components/paged-list';
import { ListFilterBar, type Filter } from '../../../components/list-filter';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';
import { limits } from '../../../components/limits';
import { confirmFirst } from '../../../hooks/confirm';

const orderTabs: Array<{ value: OrderStatus; label: string }> = [
  { value: 'placed', label: '待领取' },
  { value: 'picked_up', label: '已领取' },
  { value: 'cancelled', label: '已取消' },
];

/** The community's orders by state, narrowed by a member's name, an item or a pickup code, and dates. */
function Orders() {
  const [status, setStatus] = useState<OrderStatus>('placed');
  const [filter, setFilter] = useState<Filter>({});
  const list = useListPage(
    (cursor) => call('points', 'stationOrders', { status, ...filter, cursor, limit: 20 }),
    [status, JSON.stringify(filter)],
  );
  return (
    <View data-testid="station-orders">
      <View className="section-title">兑换订单</View>
      <Tabs tabs={orderTabs} value={status} onChange={setStatus} />
      <ListFilterBar value={filter} onChange={setFilter} noGrid placeholder="党员姓名、商品或领取码" />
      <PagedList list={list} empty={{ title: '暂无订单' }}>
        {(o) => (
          <View key={o.id} className="list-item" data-testid="station-order" data-name={o.memberName}>
            <View className="row">
              <View className="card-title">{o.itemName}</View>
              <View className="tag tag-other">{o.price}分</View>
            </View>
            <View className="list-line">兑换人：{o.memberName}</View>
            <View className="list-line">下单：{beijing(o.createdAt)}</View>
            {o.pickedUpAt ? <View className="list-line">领取：{beijing(o.pickedUpAt)}</View> : null}
          </View>
        )}
      </PagedList>
    </View>
  );
}

/** 核销: enter (or scan, in the mini-program) a member's pickup code and hand the item over. */
function HandOver() {
  const [code, setCode] = useState('');
  const [last, setLast] = useState<string | null>(null);
  const hand = async (value: string) => {
    const sure = await confirmFirst({
      title: '核销领取',
      content: `核销领取码 ${value}？核销后订单完成，请当面交付商品。`,
      confirmText: '核销',
    });
    if (!sure) return;
    const res = await runAction(() => call('points', 'handOver', { pickupCode: value }), '已核销，请交付商品');
    if (!res) return;
    setLast(`${res.order.memberName} · ${res.order.itemName}`);
    setCode('');
  };
  const scan = () => void Taro.scanCode({}).then((r) => hand(r.result.trim()));
  return (
    <View className="card">
      <View className="card-title">核销领取</View>
      <TextField
        label="领取码"
        name="pickupCode"
        placeholder="输入党员出示的8位领取码"
        value={code}
        maxlength={8}
        onInput={(v) => setCode(v.toUpperCase())}
      />
      <View className="actions">
        {process.env.TARO_ENV === 'weapp' ? <Button onClick={scan}>扫码</Button> : null}
        <Button type="primary" disabled={code.length !== 8} onClick={() => void hand(code)}>
          核销
        </Button>
      </View>
      {last ? (
        <View className="ok-text" data-testid="handed">
          已交付：{last}
        </View>
      ) : null}
    </View>
  );
}

function Settings() {
  const stats = useLoad(() => call('points', 'pointsSettings', {}), []);
  const [rate, setRate] = useState<string | null>(null);
  if (stats.state === 'loading')
    return (
      <Page title="积分管理">
        <Loading />
      </Page>
    );
  if (stats.state === 'error')
    return (
      <Page title="积分管理">
        <ErrorView error={stats.error} onRetry={stats.reload} />
      </Page>
    );
  const save = async () => {
    await runAction(() => call('points', 'pointsSettings', { pointsPerHour: Number(rate) }), '已保存');
    void stats.reload();
  };
  return (
    <View className="card">
      <View className="card-title">积分规则与统计</View>
      <View className="list-line">
        已发放 {stats.data.issued} 分 · 已兑换 {stats.data.redeemed} 分
      </View>
      <TextField
        label="每确认1小时得积分"
        name="rate"
        type="number"
        value={rate ?? String(stats.data.pointsPerHour)}
        onInput={setRate}
        maxlength={3}
      />
      <View className="list-line">单次服务最多 {stats.data.maxHoursPerRecord} 小时</View>
      <View className="actions">
        <Button disabled={rate === null} onClick={() => void save()}>
          保存
        </Button>
      </View>
    </View>
  );
}

type Entries = Output<'points', 'memberEntries'>;

/** Find a member by phone and correct a mistaken credit with a reversing entry. */
function Correction() {
  const [phone, setPhone] = useState('');
  const [found, setFound] = useState<Entries | null>(null);
  const search = async () =>
    setFound(await runAction(() => call('points', 'memberEntries', { phone, limit: 50 }), '已查询'));
  return (
    <View className="card">
      <View className="card-title">积分更正</View>
      <TextField label="党员手机号" name="phone" type="number" value={phone} onInput={setPhone} maxlength={11} />
      <View className="actions">
        <Button disabled={phone.length !== 11} onClick={() => void search()}>
          查询
        </Button>
      </View>
      {found ? (
        <View className="list-line">
          {found.memberName} · 余额 {found.balance}
        </View>
      ) : null}
      {found?.items.map((e) => (
        <View key={e.id} className="list-line">
          {beijing(e.at, 'MM-DD')} {entryKindLabels[e.kind]} {e.amount > 0 ? `+${e.amount}` : e.amount} {e.reason}
          {e.reversible ? (
            <NoteAction
              label="更正"
              placeholder="更正原因"
              confirm="确认更正"
              limit={limits.entryReason}
              danger
              onSubmit={(reason) =>
                runAction(() => call('points', 'reverseEntry', { entryId: e.id, reason }), '已更正').then(
                  () => void search(),
                )
              }
            />
          ) : null}
        </View>
      ))}
    </View>
  );
}

export default function PointsStation() {
  useDevLoginGuard('pages/points/station/index');
  return (
    <Page title="积分管理">
      <HandOver />
      <Orders />
      <Settings />
      <Correction />
      <View className="float-action">
        <Button block onClick={() => void Taro.navigateTo({ url: '/pages/points/shop/index' })}>
          管理积分超市
        </Button>
      </View>
    </Page>
  );
}
