import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { call } from '../../../api/call';
import { PagedList } from '../../../components/paged-list';
import { WishCard } from '../../../components/wish-card';
import { runAction } from '../../../hooks/use-action';
import { useListPage } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';

/** The unit leader confirms a fulfilled wish in their unit when the resident cannot. */
export default function UnitWishes() {
  useDevLoginGuard('pages/wish/unit/index');
  const list = useListPage((cursor) => call('wish', 'unitWishes', { cursor, limit: 20 }), []);
  return (
    <View className="page">
      <PagedList list={list} empty={{ title: '本单元暂无待确认的心愿' }}>
        {(w) => (
          <WishCard key={w.id} wish={w}>
            <View className="actions">
              <Button
                type="primary"
                onClick={() =>
                  void runAction(
                    () => call('wish', 'confirmWish', { wishId: w.id, fulfilled: true }),
                    '已代居民确认',
                  ).then((r) => r && list.setItems((old) => old.filter((x) => x.id !== w.id)))
                }
              >
                代居民确认完成
              </Button>
            </View>
          </WishCard>
        )}
      </PagedList>
    </View>
  );
}
