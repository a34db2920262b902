import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { call } from '../../../api/call';
import { newRequestId } from '../../../api/request-id';
import { PagedList } from '../../../components/paged-list';
import { runAction } from '../../../hooks/use-action';
import { useListPage } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { useRoles } from '../../../hooks/use-roles';

/** One id per tap, so a retried request places one order. */

/** Members redeem points for items; the station keeps the shelf. */
export default function Shop() {
  useDevLoginGuard('pages/points/shop/index');
  const { has } = useRoles();
  const station = has('stationAdmin');
  const list = useListPage((cursor) => call('points', 'listItems', { includeInactive: true, cursor, limit: 20 }), []);
  const redeem = async (itemId: string, name: string, price: number) => {
    const sure = await Taro.showModal({ title: '确认兑换', content: `使用${price}积分兑换「${name}」？` });
    if (!sure.confirm) return;
    const res = await runAction(
      () => call('points', 'redeem', { itemId, requestId: newRequestId() }),
      '兑换成功，请凭领取码领取',
    );
    if (res) void Taro.navigateTo({ url: '/pages/points/orders/index' });
    void list.refresh();
  };
  return (
    <View className="page">
      {station ? (
        <View className="float-action">
          <Button type="primary" block onClick={() => void Taro.navigateTo({ url: '/pages/points/item-edit/index' })}>
            上架新商品
          </Button>
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
                  disabled={i.stock <= 0 || !i.active}
                  onClick={() => void redeem(i.id, i.name, i.price)}
                >
                  {i.stock > 0 ? '兑换' : '已兑完'}
                </Button>
              )}
            </View>
          </View>
        )}
      </PagedList>
    </View>
  );
}
