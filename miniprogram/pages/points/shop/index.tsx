import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { call } from '../../../api/call';
import { askToBeTold } from '../../../api/subscribe';
import { newRequestId } from '../../../api/request-id';
import { PagedList } from '../../../components/paged-list';
import { runAction } from '../../../hooks/use-action';
import { useListPage, useLoad, useOnReturn } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { useRoles } from '../../../hooks/use-roles';
import { Page } from '../../../components/page';
import { confirmFirst } from '../../../hooks/confirm';

/** Members redeem points for items; the station keeps the shelf. */
export default function Shop() {
  useDevLoginGuard('pages/points/shop/index');
  const { has } = useRoles();
  const station = has('stationAdmin');
  const member = has('member');
  const list = useListPage((cursor) => call('points', 'listItems', { includeInactive: true, cursor, limit: 20 }), []);
  // A member sees their balance and what it buys before choosing, not 积分不足 after confirming.
  const balance = useLoad(
    () => (member ? call('points', 'myPoints', { limit: 1 }).then((r) => r.balance) : Promise.resolve(null)),
    [member],
  );
  useOnReturn(() => void balance.reload());
  const points = balance.data ?? null;
  const affordable = (price: number) => points === null || price <= points;
  const redeem = async (itemId: string, name: string, price: number) => {
    const left = points === null ? '' : `，兑换后剩余${points - price}积分`;
    const sure = await confirmFirst({ title: '确认兑换', content: `使用${price}积分兑换「${name}」${left}？` });
    if (!sure) return;
    // Right after the tap on 确定: word when the item is handed over.
    askToBeTold('order', 'owner');
    const res = await runAction(
      () => call('points', 'redeem', { itemId, requestId: newRequestId() }),
      '兑换成功，请凭领取码领取',
    );
    if (res) void Taro.navigateTo({ url: '/pages/points/orders/index' });
    void list.refresh();
    void balance.reload();
  };
  return (
    <Page title="积分超市">
      {station ? (
        <View className="float-action">
          <Button type="primary" block onClick={() => void Taro.navigateTo({ url: '/pages/points/item-edit/index' })}>
            上架新商品
          </Button>
        </View>
      ) : null}
      {member && points !== null ? (
        <View className="balance-bar" data-testid="shop-balance">
          <View>
            我的积分 <Text className="stat-value">{points}</Text>
          </View>
          <View className="hint">
            可兑换 {list.items.filter((i) => i.active && i.stock > 0 && i.price <= points).length} 种
          </View>
        </View>
      ) : null}
      <PagedList list={list} empty={{ title: '超市暂无商品', hint: '社区上架商品后可用积分兑换' }}>
        {(i) => (
          <View key={i.id} className="list-item" data-testid="item" data-name={i.name}>
            <View className="row">
              <View className="card-title">{i.name}</View>
              <View className="stat-value">{i.price}分</View>
            </View>
            {i.description ? <View className="list-line">{i.description}</View> : null}
            <View className="list-line">
              库存 {i.stock} · 每人限兑 {i.perMemberLimit} 件{i.active ? '' : ' · 已下架'}
            </View>
            {!station && points !== null && !affordable(i.price) ? (
              <View className="afford-no">还差 {i.price - points} 积分</View>
            ) : null}
            <View className="actions">
              {station ? (
                <Button
                  onClick={() =>
                    void Taro.navigateTo({
                      url: `/pages/points/item-edit/index?id=${i.id}&name=${encodeURIComponent(i.name)}&description=${encodeURIComponent(i.description)}&price=${i.price}&stock=${i.stock}&limit=${i.perMemberLimit}&active=${i.active ? 1 : 0}`,
                    })
                  }
                >
                  编辑
                </Button>
              ) : (
                <Button
                  type="primary"
                  disabled={i.stock <= 0 || !i.active || !affordable(i.price)}
                  onClick={() => void redeem(i.id, i.name, i.price)}
                >
                  {!i.active ? '已下架' : i.stock <= 0 ? '已兑完' : affordable(i.price) ? '兑换' : '积分不足'}
                </Button>
              )}
            </View>
          </View>
        )}
      </PagedList>
    </Page>
  );
}
