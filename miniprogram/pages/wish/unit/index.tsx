import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { call } from '../../../api/call';
import { PagedList } from '../../../components/paged-list';
import { WishCard } from '../../../components/wish-card';
import { runAction } from '../../../hooks/use-action';
import { useListPage } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';
import { afterConfirm } from '../../../hooks/confirm';

/** The unit leader confirms a fulfilled wish in their unit when the resident cannot. */
export default function UnitWishes() {
  useDevLoginGuard('pages/wish/unit/index');
  const list = useListPage((cursor) => call('wish', 'unitWishes', { cursor, limit: 20 }), []);
  return (
    <Page title="单元心愿确认">
      <PagedList list={list} empty={{ title: '本单元暂无待确认的心愿' }}>
        {(w) => (
          <WishCard key={w.id} wish={w}>
            <View className="actions">
              <Button
                type="primary"
                onClick={() =>
                  void afterConfirm(
                    {
                      title: '代居民确认',
                      content: `确认「${w.title}」已经完成？确认后党员将获得积分，不能撤回。`,
                    },
                    () =>
                      runAction(
                        () => call('wish', 'confirmWish', { wishId: w.id, fulfilled: true }),
                        '已代居民确认',
                      ).then((r) => r && list.setItems((old) => old.filter((x) => x.id !== w.id))),
                  )
                }
              >
                代居民确认完成
              </Button>
            </View>
          </WishCard>
        )}
      </PagedList>
    </Page>
  );
}
