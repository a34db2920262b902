import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { wishCategories, type WishCategory } from '@shared/wish/wish.rules';
import { call } from '../../../api/call';
import { askToBeTold } from '../../../api/subscribe';
import { PagedList, Tabs } from '../../../components/paged-list';
import { WishCard } from '../../../components/wish-card';
import { runAction } from '../../../hooks/use-action';
import { useListPage } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';

/** Members browse the community's open wishes, newest first, and claim one. */
export default function WishWall() {
  useDevLoginGuard('pages/wish/wall/index');
  const [category, setCategory] = useState<WishCategory | undefined>(undefined);
  const list = useListPage(
    (cursor) => call('wish', 'browseWishes', { ...(category ? { category } : {}), cursor, limit: 20 }),
    [category],
  );
  const claim = async (id: string) => {
    // Right after the tap: the reminder before the claim expires, the resident's confirmation and thanks.
    askToBeTold('wish', 'claimant');
    const res = await runAction(() => call('wish', 'claimWish', { wishId: id }), '认领成功，请到“我认领的心愿”查看');
    if (res) list.setItems((old) => old.filter((x) => x.id !== id));
    else void list.refresh();
  };
  return (
    <Page title="心愿墙">
      <Tabs
        tabs={[
          { value: undefined, label: '全部' },
          ...wishCategories.map((c) => ({ value: c as WishCategory | undefined, label: c })),
        ]}
        value={category}
        onChange={setCategory}
      />
      <PagedList list={list} empty={{ title: '暂时没有待认领的心愿', hint: '居民发布并经社区审核的心愿会出现在这里' }}>
        {(w) => (
          <WishCard key={w.id} wish={w}>
            <View className="actions">
              <Button type="primary" onClick={() => void claim(w.id)}>
                认领心愿
              </Button>
            </View>
          </WishCard>
        )}
      </PagedList>
    </Page>
  );
}
