import { Picker, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useEffect, useState } from 'react';
import type { ListFilter } from '@shared/core/fields';
import { call } from '../api/call';
import { TextField } from './form';
import { OptionField, type Option } from './option-field';
import './list-filter.css';

/** A list's filter and, for the district, the community it looks at. */
export type Filter = ListFilter & { communityId?: string };

/** The filter a page starts with when a link narrows it (a dashboard's grid: `?gridId=`). */
export function openedFilter(params: Record<string, string | undefined>): Filter {
  const gridId = params.gridId;
  return gridId && /^[\w-]{1,64}$/.test(gridId) ? { gridId } : {};
}

/** What the filter narrows by, in words (the folded bar shows it). */
function summary(f: Filter, names: Map<string, string>): string {
  const parts = [
    f.communityId ? (names.get(f.communityId) ?? '所选社区') : null,
    f.q ? `“${f.q}”` : null,
    f.gridId ? (names.get(f.gridId) ?? '所选网格') : null,
    f.from || f.to ? `${f.from ?? '不限'} 至 ${f.to ?? '不限'}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join('，') : '全部';
}

/** A date, or 不限 (cleared with 清除). */
function DateField(p: { label: string; value?: string; onChange: (v?: string) => void; testid: string }) {
  return (
    <View className="field filter-date">
      <View className="field-label">{p.label}</View>
      <View className="filter-date-row">
        <Picker
          className="filter-date-pick"
          mode="date"
          value={p.value ?? ''}
          onChange={(e) => p.onChange(String(e.detail.value))}
        >
          <View className={`field-picker ${p.value ? '' : 'field-placeholder'}`} role="button" data-testid={p.testid}>
            {p.value ?? '不限'}
          </View>
        </Picker>
        {p.value ? (
          <View className="link" role="button" onClick={() => p.onChange(undefined)}>
            清除
          </View>
        ) : null}
      </View>
    </View>
  );
}

/**
 * The filter above an admin list (issue 15, part 6): a name, title or whole phone number, a grid (of the
 * station's community, or of the community the district picked), and a date range. Folded it shows what it
 * narrows by; 查询 applies it, 重置 clears it. The server narrows the list: this only says how.
 */
export function ListFilterBar(p: {
  value: Filter;
  onChange: (f: Filter) => void;
  /** The station's community: its grids to pick from. */
  communityId?: string | null;
  /** The district picks a community (and then its grids). */
  pickCommunity?: boolean;
  /** Lists with no grid (an organisation's receipts, a unit leader's services). */
  noGrid?: boolean;
  placeholder?: string;
}) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Filter>(p.value);
  const [communities, setCommunities] = useState<Option[]>([]);
  const [grids, setGrids] = useState<Option[]>([]);
  const community = draft.communityId ?? p.communityId ?? undefined;
  // The places to pick from, read when the form opens (or at once, to name a grid a link narrowed the list to).
  const named = !!(p.value.gridId || p.value.communityId);
  useEffect(() => {
    if (!open && !named) return;
    if (p.noGrid && !p.pickCommunity) return;
    void call('org', 'places', community ? { communityId: community } : {}).then(
      (places) => {
        setCommunities(places.communities);
        setGrids(places.grids);
      },
      () => undefined,
    );
  }, [open, named, community, p.noGrid, p.pickCommunity]);
  const names = new Map([...communities, ...grids].map((o) => [o.id, o.name]));
  const set = (patch: Partial<Filter>) => setDraft((old) => ({ ...old, ...patch }));
  const apply = (f: Filter) => {
    const clean = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== '')) as Filter;
    p.onChange(clean);
    setOpen(false);
  };
  const active = Object.keys(p.value).length > 0;
  if (!open)
    return (
      <View className="filter-bar" data-testid="filter-bar">
        <View className={`filter-summary ${active ? 'filter-active' : ''}`}>筛选：{summary(p.value, names)}</View>
        <Button onClick={() => setOpen(true)}>筛选</Button>
      </View>
    );
  return (
    <View className="filter-form" data-testid="filter-form">
      {p.pickCommunity ? (
        <OptionField
          label="社区"
          placeholder="全部社区"
          options={communities}
          value={draft.communityId ?? ''}
          onChange={(id) => set({ communityId: id, gridId: undefined })}
          testid="filter-community"
        />
      ) : null}
      <TextField
        label="关键词"
        name="q"
        value={draft.q ?? ''}
        placeholder={p.placeholder ?? '姓名，或完整的11位手机号'}
        onInput={(q) => set({ q })}
        limit={20}
      />
      {!p.noGrid && community ? (
        <OptionField
          label="网格"
          placeholder="全部网格"
          options={grids}
          value={draft.gridId ?? ''}
          onChange={(id) => set({ gridId: id })}
          testid="filter-grid"
        />
      ) : null}
      <View className="grid2">
        <DateField label="开始日期" value={draft.from} onChange={(from) => set({ from })} testid="filter-from" />
        <DateField label="结束日期" value={draft.to} onChange={(to) => set({ to })} testid="filter-to" />
      </View>
      <View className="actions">
        <Button
          onClick={() => {
            setDraft({});
            apply({});
          }}
        >
          重置
        </Button>
        <Button type="primary" onClick={() => apply(draft)}>
          查询
        </Button>
      </View>
    </View>
  );
}
