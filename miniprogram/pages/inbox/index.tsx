import { View } from '@tarojs/components';
import { beijing } from '@shared/core/time';
import { call } from '../../api/call';
import { PagedList } from '../../components/paged-list';
import { useListPage } from '../../hooks/use-call';
import { useDevLoginGuard } from '../../hooks/use-me';

/** Every role's messages: new reports, whistles, reminders, escalations, results. */
export default function Inbox() {
  useDevLoginGuard('pages/inbox/index');
  const list = useListPage((cursor) => call('report', 'inbox', { cursor, limit: 20 }), []);
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
