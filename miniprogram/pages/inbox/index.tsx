import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import type { MessageView } from '@shared/messages/messages.contract';
import { beijing } from '@shared/core/time';
import { call } from '../../api/call';
import { Page } from '../../components/page';
import { PagedList } from '../../components/paged-list';
import { useListPage } from '../../hooks/use-call';
import { useDevLoginGuard } from '../../hooks/use-me';
import './index.css';

/** A tab stop for a tappable View in H5 (Taro's component types leave the attribute out). */
const focusable = { tabIndex: 0 } as Record<string, unknown>;

/**
 * Every role's messages, newest first: what changed and whose turn it is. Tapping one marks it read and
 * opens its record; 全部已读 marks them all.
 */
export default function Inbox() {
  useDevLoginGuard('pages/inbox/index');
  const [unread, setUnread] = useState<number | null>(null);
  const list = useListPage(
    (cursor) =>
      call('report', 'inbox', { cursor, limit: 20 }).then((page) => {
        if (!cursor) setUnread(page.unread);
        return page;
      }),
    [],
  );
  const markRead = (ids: string[] | 'all') =>
    list.setItems((items) => items.map((m) => (ids === 'all' || ids.includes(m.id) ? { ...m, read: true } : m)));
  const open = (m: MessageView) => {
    if (!m.read) {
      markRead([m.id]);
      setUnread((n) => (n ? n - 1 : n));
      void call('report', 'readMessages', { id: m.id })
        .then((r) => setUnread(r.unread))
        .catch(() => undefined);
    }
    if (m.link) void Taro.navigateTo({ url: m.link });
  };
  const readAll = async () => {
    const r = await call('report', 'readMessages', { all: true });
    markRead('all');
    setUnread(r.unread);
  };
  return (
    <Page title="消息">
      {unread ? (
        <View className="row inbox-bar">
          <View className="muted" data-testid="unread">
            {unread}条未读
          </View>
          <Button size="small" onClick={() => void readAll()}>
            全部已读
          </Button>
        </View>
      ) : null}
      <PagedList list={list} empty={{ title: '暂无消息', hint: '有需要您办理或与您有关的事项时，会在这里通知您' }}>
        {(m) => (
          <View
            key={m.id}
            className={`list-item message ${m.read ? 'message-read' : 'message-unread'}`}
            role="link"
            {...focusable}
            data-testid="message"
            data-read={m.read ? 'yes' : 'no'}
            onClick={() => open(m)}
          >
            <View className="row">
              <View className="card-title">
                {m.read ? null : <View className="unread-dot" aria-label="未读" />}
                {m.title}
              </View>
              <View className="muted">{beijing(m.at, 'MM-DD HH:mm')}</View>
            </View>
            <View className="list-line">{m.body}</View>
            {m.link ? <View className="link">查看详情 ›</View> : null}
          </View>
        )}
      </PagedList>
    </Page>
  );
}
