import { Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { WishView } from '@shared/wish/wish.contract';
import { call } from '../../../api/call';
import { useState } from 'react';
import { PhotoPicker } from '../../../components/photo-picker';
import { PagedList } from '../../../components/paged-list';
import { WishCard } from '../../../components/wish-card';
import { runAction } from '../../../hooks/use-action';
import { useListPage } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';
import { Counter, FieldError } from '../../../components/form';
import { limits, overLimit } from '../../../components/limits';
import { afterConfirm } from '../../../hooks/confirm';

/** Marking a wish fulfilled: a short note and, if the member likes, a photo. */
function FulfilAction({ wishId, onDone }: { wishId: string; onDone: (w: WishView) => void }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<string | null>(null);
  if (!open)
    return (
      <Button type="primary" onClick={() => setOpen(true)}>
        已完成
      </Button>
    );
  const submit = async () => {
    const res = await runAction(
      () => call('wish', 'fulfilWish', { wishId, note, ...(photo ? { photo } : {}) }),
      '已提交，等待居民确认',
    );
    if (res) onDone(res.wish);
  };
  return (
    <View className="inline-form">
      <Textarea
        className="field-input field-textarea inline-textarea"
        placeholder="简单说明完成情况"
        value={note}
        maxlength={-1}
        nativeProps={{ 'aria-label': '完成情况' }}
        onInput={(e) => setNote(e.detail.value)}
      />
      <Counter value={note.trim()} max={limits.wishNote} />
      <FieldError text={overLimit(note.trim(), limits.wishNote)} />
      <PhotoPicker value={photo} onChange={setPhoto} label="完成照片（可选）" />
      <View className="actions">
        <Button onClick={() => setOpen(false)}>取消</Button>
        <Button
          type="primary"
          disabled={note.trim().length < 2 || note.trim().length > limits.wishNote}
          onClick={() => void submit()}
        >
          提交完成
        </Button>
      </View>
    </View>
  );
}

/** A member's claimed wishes: mark one fulfilled with a note (and a photo), or give it up. */
export default function MyClaims() {
  useDevLoginGuard('pages/wish/claims/index');
  const list = useListPage((cursor) => call('wish', 'myClaims', { cursor, limit: 20 }), []);
  const replace = (w: WishView | null | undefined) =>
    w && list.setItems((old) => old.map((x) => (x.id === w.id ? w : x)));
  return (
    <Page title="我认领的心愿">
      <PagedList list={list} empty={{ title: '还没有认领心愿', hint: '到心愿墙认领一个，帮居民实现它' }}>
        {(w) => (
          <WishCard key={w.id} wish={w}>
            {w.status === 'claimed' ? (
              <View className="actions">
                <Button
                  onClick={() =>
                    void afterConfirm(
                      { title: '放弃认领', content: `放弃「${w.title}」？心愿将回到心愿墙，由其他党员认领。` },
                      () =>
                        runAction(() => call('wish', 'giveUpWish', { wishId: w.id }), '已放弃').then(
                          (r) => r && list.setItems((old) => old.filter((x) => x.id !== w.id)),
                        ),
                    )
                  }
                >
                  放弃认领
                </Button>
                {w.phoneConsent && w.residentPhone && !w.residentPhone.includes('*') ? (
                  <Button
                    data-testid="call-resident"
                    onClick={() =>
                      void Taro.makePhoneCall({ phoneNumber: w.residentPhone ?? '' }).catch(() => undefined)
                    }
                  >
                    打电话
                  </Button>
                ) : null}
                <FulfilAction wishId={w.id} onDone={replace} />
              </View>
            ) : null}
          </WishCard>
        )}
      </PagedList>
    </Page>
  );
}
