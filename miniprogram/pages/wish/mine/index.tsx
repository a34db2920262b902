import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { WishView } from '@shared/wish/wish.contract';
import { call } from '../../../api/call';
import { NoteAction } from '../../../components/note-action';
import { PagedList } from '../../../components/paged-list';
import { WishCard } from '../../../components/wish-card';
import { runAction } from '../../../hooks/use-action';
import { useListPage } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';
import { limits } from '../../../components/limits';
import { afterConfirm } from '../../../hooks/confirm';

/** A resident's wishes: cancel before a claim, confirm the fulfilment (or say it was not done), thank the member. */
export default function MyWishes() {
  useDevLoginGuard('pages/wish/mine/index');
  const list = useListPage((cursor) => call('wish', 'myWishes', { cursor, limit: 20 }), []);
  const replace = (w: WishView | null | undefined) =>
    w && list.setItems((old) => old.map((x) => (x.id === w.id ? w : x)));
  return (
    <Page title="我的心愿">
      <View className="float-action">
        <Button type="primary" block onClick={() => void Taro.navigateTo({ url: '/pages/wish/post/index' })}>
          发布新心愿
        </Button>
      </View>
      <PagedList
        list={list}
        empty={{ title: '还没有发布心愿', hint: '生活中有小困难，可以发布微心愿，由社区党员帮您实现' }}
      >
        {(w) => (
          <WishCard key={w.id} wish={w}>
            {w.status === 'pending_review' || w.status === 'open' ? (
              <View className="actions">
                <Button
                  onClick={() =>
                    void afterConfirm(
                      { title: '取消心愿', content: '取消后这个心愿不再显示给党员，确定取消吗？' },
                      () =>
                        runAction(() => call('wish', 'cancelWish', { wishId: w.id }), '已取消').then((r) =>
                          replace(r?.wish),
                        ),
                    )
                  }
                >
                  取消心愿
                </Button>
              </View>
            ) : null}
            {w.status === 'fulfilled' ? (
              <View className="actions">
                <NoteAction
                  label="还没完成"
                  placeholder="请说明哪里还没完成"
                  confirm="退回给党员"
                  limit={limits.wishNote}
                  danger
                  onSubmit={(note) =>
                    runAction(
                      () => call('wish', 'confirmWish', { wishId: w.id, fulfilled: false, note }),
                      '已反馈',
                    ).then((r) => void replace(r?.wish))
                  }
                />
                <Button
                  type="primary"
                  onClick={() =>
                    void afterConfirm(
                      {
                        title: '确认已完成',
                        content: '确认党员已帮您实现这个心愿？确认后党员将获得积分，不能撤回。',
                      },
                      () =>
                        runAction(
                          () => call('wish', 'confirmWish', { wishId: w.id, fulfilled: true }),
                          '已确认完成',
                        ).then((r) => replace(r?.wish)),
                    )
                  }
                >
                  确认已完成
                </Button>
              </View>
            ) : null}
            {w.status === 'confirmed' && !w.thanks ? (
              <View className="actions">
                <NoteAction
                  label="感谢党员"
                  placeholder="写一句感谢的话"
                  confirm="送出感谢"
                  limit={limits.wishThanks}
                  onSubmit={(thanks) =>
                    runAction(() => call('wish', 'thankWish', { wishId: w.id, thanks }), '感谢已送达').then(
                      (r) => void replace(r?.wish),
                    )
                  }
                />
              </View>
            ) : null}
          </WishCard>
        )}
      </PagedList>
    </Page>
  );
}
