import { ScrollView, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { usePaged } from '../hooks/use-call';
import { Empty, ErrorView, Loading } from './states';

type Paged<T> = ReturnType<typeof usePaged<T>>;

/** A paged list's states: loading, error with retry, empty, the items, and "load more" at the end. */
export function PagedList<T>(props: {
  list: Paged<T>;
  empty: { title: string; hint?: string };
  children: (item: T) => ReactNode;
}) {
  const { list } = props;
  if (list.state === 'loading') return <Loading />;
  if (list.state === 'error' && list.error) return <ErrorView error={list.error} onRetry={list.refresh} />;
  if (list.items.length === 0) return <Empty title={props.empty.title} hint={props.empty.hint} />;
  return (
    <View>
      {list.items.map(props.children)}
      <View className="load-more" onClick={() => void list.more()}>
        {list.state === 'more' ? '加载中…' : list.next ? '加载更多' : '没有更多了'}
      </View>
    </View>
  );
}

/** Filter tabs above a list; more than five scroll sideways instead of squeezing. */
export function Tabs<V>(props: { tabs: Array<{ value: V; label: string }>; value: V; onChange: (value: V) => void }) {
  const many = props.tabs.length > 5;
  const items = props.tabs.map((t) => (
    <View
      key={t.label}
      className={`tab ${many ? 'tab-scroll' : ''} ${t.value === props.value ? 'tab-active' : ''}`}
      onClick={() => props.onChange(t.value)}
    >
      {t.label}
    </View>
  ));
  return many ? (
    <ScrollView scrollX className="tabs tabs-scroll">
      {items}
    </ScrollView>
  ) : (
    <View className="tabs">{items}</View>
  );
}
