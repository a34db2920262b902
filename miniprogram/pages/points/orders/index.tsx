import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { beijing } from '@shared/core/time';
import { orderStatusLabels } from '@shared/points/points.rules';
import { call } from '../../../api/call';
import { PagedList } from '../../../components/paged-list';
import { runAction } from '../../../hooks/use-action';
import { useListPage } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';
import { afterConfirm } from '../../../hooks/confirm';

/** A member's orders with their pickup codes; one not yet picked up can be cancelled (points refunded). */
export default function MyOrders() {
  useDevLoginGuard('pages/points/orders/index');
  const list = useListPage((cursor) => call('points', 'myOrders', { cursor, limit: 20 }), []);
  return (
    <Page title="我的兑换">
      <PagedList list={list} empty={{ title: '还没有兑换记录', hint: '到积分超市用积分兑换商品' }}>
        {(o) => (
          <View key={o.id} className="list-item" data-testid="order" data-item={o.itemName}>
            <View className="row">
              <View className="card-title">{o.itemName}</View>
              <View
                className={`tag ${o.status === 'placed' ? 'tag-pending' : o.status === 'picked_up' ? 'tag-approved' : 'tag-other'}`}
              >
                {orderStatusLabels[o.status]}
              </View>
            </View>
            {o.status === 'placed' ? <View className="hint">领取码：到社区红领工作站出示</View> : null}
            {o.status === 'placed' ? (
              <View className="token pickup-code" data-testid="pickup-code">
                {o.pickupCode}
              </View>
            ) : null}
            <View className="list-line">
              {o.price}积分 · {beijing(o.createdAt)}
              {o.pickedUpAt ? ` · 领取于${beijing(o.pickedUpAt)}` : ''}
            </View>
            {o.status === 'placed' ? (
              <View className="actions">
                <Button
                  onClick={() =>
                    void afterConfirm(
                      { title: '取消兑换', content: `取消「${o.itemName}」的兑换？${o.price}积分将退回您的账户。` },
                      () =>
                        runAction(() => call('points', 'cancelOrder', { orderId: o.id }), '已取消，积分已退还').then(
                          () => list.refresh(),
                        ),
                    )
                  }
                >
                  取消兑换
                </Button>
              </View>
            ) : null}
          </View>
        )}
      </PagedList>
    </Page>
  );
}
