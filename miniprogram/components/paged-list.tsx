import { ScrollView, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Fragment, useEffect, type ReactNode } from 'react';
import type { usePaged } from '../hooks/use-call';
import { Empty, ErrorView, Loading } from './states';
import './paged-list.css';

type Paged<T> = ReturnType<typeof usePaged<T>>;

/** A tab stop for a tappable View in H5 (Taro's component types leave these attributes out). */
const focusable = { tabIndex: 0 } as Record<string, unknown>;
const tablist = { role: 'tablist' } as Record<string, unknown>;

function idOf(item: unknown): string | null {
  const id = (item as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : null;
}

/** A paged list's states: loading, error with retry, empty, the items, and "load more" at the end. */
export function PagedList<T>(props: {
  list: Paged<T>;
  empty: { title: string; hint?: string };
  children: (item: T) => ReactNode;
}) {
  const { list } = props;
  // A page opened from a message (`?id=…`) marks that record and scrolls to it.
  const focus = Taro.getCurrentInstance().router?.params?.id;
  const found = !!focus && list.items.some((item) => idOf(item) === focus);
  useEffect(() => {
    if (found)
      void Taro.pageScrollTo({ selector: '.focused', duration: 200, offsetTop: -80 } as Taro.pageScrollTo.Option).catch(
        () => undefined,
      );
  }, [found]);
  if (list.state === 'loading') return <Loading />;
  if (list.state === 'error' && list.error) return <ErrorView error={list.error} onRetry={list.refresh} />;
  // A filtered list may read a stretch with no match and still have more after it (issue 15, part 6).
  if (list.items.length === 0)
    return (
      <View>
        <Empty title={props.empty.title} hint={props.empty.hint} />
        {list.next ? (
          <View className="load-more" role="button" {...focusable} onClick={() => void list.more()}>
            {list.state === 'more' ? '加载中…' : '继续查找更早的记录'}
          </View>
        ) : null}
      </View>
    );
  return (
    <View>
      {list.items.map((item) =>
        focus && idOf(item) === focus ? (
          <View key={focus} className="focused" data-testid="focused">
            {props.children(item)}
          </View>
        ) : (
          <Fragment key={idOf(item) ?? undefined}>{props.children(item)}</Fragment>
        ),
      )}
      <View className="load-more" role="button" {...focusable} onClick={() => void list.more()}>
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
      role="tab"
      {...focusable}
      aria-selected={t.value === props.value}
      onClick={() => props.onChange(t.value)}
    >
      {t.label}
    </View>
  ));
  return many ? (
    <ScrollView scrollX className="tabs tabs-scroll" {...tablist}>
      {items}
    </ScrollView>
  ) : (
    <View className="tabs" role="tablist">
      {items}
    </View>
  );
}
