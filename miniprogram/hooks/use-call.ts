import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { CallError } from '../api/call';

export type Loadable<T> =
  | { state: 'loading'; data?: undefined; error?: undefined }
  | { state: 'ready'; data: T; error?: undefined }
  | { state: 'error'; data?: undefined; error: CallError };

function asCallError(error: unknown): CallError {
  return error instanceof CallError ? error : new CallError({ code: 'INTERNAL', message: '' });
}

/** Loads once (and on `reload`), exposing loading / ready / error for the page's state views. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loadable<T> & { reload: () => Promise<void> } {
  const [value, setValue] = useState<Loadable<T>>({ state: 'loading' });
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(async () => {
    try {
      setValue({ state: 'ready', data: await loadRef.current() });
    } catch (error) {
      setValue({ state: 'error', error: asCallError(error) });
    }
  }, []);
  useEffect(() => {
    setValue({ state: 'loading' });
    void reload();
  }, deps); // eslint-disable-line react-hooks/exhaustive-deps
  return { ...value, reload };
}

type Page<T> = { items: T[]; next: string | null };

/** A paged list: first page, `more()` with the cursor, `refresh()` from the top. */
export function usePaged<T>(load: (cursor: string | undefined) => Promise<Page<T>>, deps: unknown[]) {
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'error' | 'more'>('loading');
  const [error, setError] = useState<CallError | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;

  const refresh = useCallback(async () => {
    try {
      const page = await loadRef.current(undefined);
      setItems(page.items);
      setNext(page.next);
      setState('ready');
    } catch (e) {
      setError(asCallError(e));
      setState('error');
    }
  }, []);

  const more = useCallback(async () => {
    if (!next || state === 'more') return;
    setState('more');
    try {
      const page = await loadRef.current(next);
      setItems((old) => [...old, ...page.items]);
      setNext(page.next);
      setState('ready');
    } catch (e) {
      setError(asCallError(e));
      setState('error');
    }
  }, [next, state]);

  useEffect(() => {
    setState('loading');
    void refresh();
  }, deps); // eslint-disable-line react-hooks/exhaustive-deps

  return { items, setItems, next, state, error, refresh, more };
}

/** Runs `fn` each time the page shows again, not on its first show (the first load already ran). */
export function useOnReturn(fn: () => void) {
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) fn();
    shown.current = true;
  });
}

/**
 * A list page: paged loading, pull-to-refresh, the next page at the bottom, and a refresh whenever the
 * page shows again (coming back from a page that changed something).
 */
export function useListPage<T>(load: (cursor: string | undefined) => Promise<Page<T>>, deps: unknown[]) {
  const list = usePaged(load, deps);
  useOnReturn(() => void list.refresh());
  usePullDownRefresh(() => void list.refresh().finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void list.more());
  return list;
}
