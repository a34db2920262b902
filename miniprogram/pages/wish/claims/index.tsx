import { View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { WishView } from '@shared/wish/wish.contract';
import { call } from '../../../api/call';
import { NoteAction } from '../../../components/note-action';
import { PagedList } from '../../../components/paged-list';
import { WishCard } from '../../../components/wish-card';
import { runAction } from '../../../hooks/use-action';
import { usePaged } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';

/** A member's claimed wishes: mark one fulfilled with a note, or give it up. */
export default function MyClaims() {
  useDevLoginGuard('pages/wish/claims/index');
  const list = usePaged((cursor) => call('wish', 'myClaims', { cursor, limit: 20 }), []);
  useDidShow(() => void list.refresh());
  usePullDownRefresh(() => void list.refresh().finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void list.more());
  const replace = (w: WishView | null | undefined) => w && list.setItems((old) => old.map((x) => (x.id === w.id ? w : x)));
  return (
    <View className="page">
      <PagedList list={list} empty={{ title: '还没有认领心愿', hint: '到心愿墙认领一个，帮居民实现它' }}>
        {(w) => (
          <WishCard key={w.id} wish={w}>
            {w.status === 'claimed' ? (
              <View className="actions">
                <Button onClick={() => void runAction(() => call('wish', 'giveUpWish', { wishId: w.id }), '已放弃').then((r) => r && list.setItems((old) => old.filter((x) => x.id !== w.id)))}>放弃认领</Button>
                <NoteAction label="已完成" placeholder="简单说明完成情况" confirm="提交完成" onSubmit={(note) => runAction(() => call('wish', 'fulfilWish', { wishId: w.id, note }), '已提交，等待居民确认').then((r) => void replace(r?.wish))} />
              </View>
            ) : null}
          </WishCard>
        )}
      </PagedList>
    </View>
  );
}
