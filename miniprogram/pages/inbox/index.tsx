import { View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { beijing } from '@shared/core/time';
import { call } from '../../api/call';
import { PagedList } from '../../components/paged-list';
import { usePaged } from '../../hooks/use-call';
import { useDevLoginGuard } from '../../hooks/use-me';

/** Every role's messages: new reports, whistles, reminders, escalations, results. */
export default function Inbox() {
  useDevLoginGuard('pages/inbox/index');
  const list = usePaged((cursor) => call('report', 'inbox', { cursor, limit: 20 }), []);
  useDidShow(() => void list.refresh());
  usePullDownRefresh(() => void list.refresh().finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void list.more());
  return (
    <View className="page">
      <PagedList list={list} empty={{ title: '暂无消息' }}>
        {(m) => (
          <View key={m.id} className="list-item" data-testid="message">
            <View className="row">
              <View className="card-title">{m.title}</View>
              <View className="muted">{beijing(m.at, 'MM-DD HH:mm')}</View>
            </View>
            <View className="list-line">{m.body}</View>
          </View>
        )}
      </PagedList>
    </View>
  );
}
