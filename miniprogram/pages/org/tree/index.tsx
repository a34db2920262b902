import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import type { ImportCounts, PlaceNode } from '@shared/org/tree.contract';
import { placeKindLabels, type PlaceKind } from '@shared/org/tree.rules';
import { call, type CallError, type Output } from '../../../api/call';
import { newRequestId } from '../../../api/request-id';
import { openSheet, pickAndUploadSheet } from '../../../api/sheet';
import { TextField, useFieldErrors } from '../../../components/form';
import { limits } from '../../../components/limits';
import { Page } from '../../../components/page';
import { Empty, ErrorView, Loading } from '../../../components/states';
import { afterConfirm } from '../../../hooks/confirm';
import { useLoad } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import './index.css';

type TreeView = Output<'org', 'tree'>;
type ImportResult = Output<'org', 'importTree'>;
/** Where the page is in the tree: the district, a community, a grid of it. */
type Level = { communityId?: string; gridId?: string };
type DistrictTab = 'community' | 'org' | 'department';

const districtTabs: DistrictTab[] = ['community', 'org', 'department'];

/** The form of a new place, or of a place's name and order (and an organisation's 在职党员数). */
function PlaceForm(props: {
  kind: PlaceKind;
  parentId?: string;
  place?: PlaceNode;
  onDone: (saved: PlaceNode | null) => void;
}) {
  const { kind, place } = props;
  const [name, setName] = useState(place?.name ?? '');
  const [seq, setSeq] = useState(place?.seq ? String(place.seq) : '');
  const [members, setMembers] = useState(place?.members != null ? String(place.members) : '');
  const [requestId] = useState(newRequestId);
  const { errors, setErrors, edit } = useFieldErrors();
  const [busy, setBusy] = useState(false);
  const ordered = kind === 'grid' || kind === 'unit';
  const save = async () => {
    setBusy(true);
    try {
      const saved = await call('org', 'savePlace', {
        kind,
        ...(place ? { id: place.id } : { parentId: props.parentId }),
        name,
        ...(ordered && seq.trim() ? { seq: Number(seq) } : {}),
        // Emptied: no longer declared (null); the server says what is wrong with anything else.
        ...(kind === 'org' ? { members: members.trim() ? Number(members) : null } : {}),
        requestId,
      });
      void Taro.showToast({ title: place ? '已保存' : `已新增${placeKindLabels[kind]}`, icon: 'none' });
      props.onDone(saved.place);
    } catch (e) {
      setErrors((e as CallError).fields ?? {});
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="inline-form" data-testid="place-form">
      <TextField
        label={`${placeKindLabels[kind]}名称`}
        name="name"
        limit={limits.placeName}
        placeholder={
          kind === 'unit' ? '如 01栋1单元' : kind === 'grid' ? '如 第一网格' : `${placeKindLabels[kind]}的全称`
        }
        value={name}
        onInput={edit('name', setName)}
        error={errors.name}
      />
      {ordered ? (
        <TextField
          label="序号（决定列表中的先后，不填排在最后）"
          name="seq"
          type="number"
          value={seq}
          onInput={edit('seq', setSeq)}
          error={errors.seq}
        />
      ) : null}
      {kind === 'org' ? (
        <TextField
          label="在职党员数（用于计算报到率，不知道可先不填）"
          name="members"
          type="number"
          placeholder="如 120"
          value={members}
          onInput={edit('members', setMembers)}
          error={errors.members}
        />
      ) : null}
      <View className="actions">
        <Button onClick={() => props.onDone(null)}>取消</Button>
        <Button type="primary" loading={busy} disabled={busy} onClick={() => void save()}>
          {place ? '保存' : '新增'}
        </Button>
      </View>
    </View>
  );
}

/** One place: its name and state; open it (a community's grids, a grid's units), rename, retire or restore. */
function PlaceItem(props: { place: PlaceNode; onOpen?: () => void; onChanged: () => void }) {
  const { place } = props;
  const [editing, setEditing] = useState(false);
  const label = placeKindLabels[place.kind];
  const act = (action: 'retirePlace' | 'restorePlace') =>
    afterConfirm(
      action === 'retirePlace'
        ? {
            title: `停用${label}`,
            content: `停用“${place.name}”后，它不再出现在选择列表和新记录中；已有记录照常显示，可随时恢复。`,
            confirmText: '停用',
          }
        : { title: `恢复${label}`, content: `恢复启用“${place.name}”？`, confirmText: '恢复' },
      async () => {
        try {
          await call('org', action, { kind: place.kind, id: place.id });
          void Taro.showToast({ title: action === 'retirePlace' ? '已停用' : '已恢复', icon: 'none' });
          props.onChanged();
        } catch (e) {
          void Taro.showModal({ title: '未能完成', content: (e as Error).message, showCancel: false });
        }
      },
    );
  return (
    <View className="list-item" data-testid="place" data-id={place.id} data-retired={place.retired}>
      <View className="row">
        <View className="card-title">
          {place.seq !== null ? <View className="place-seq">{place.seq}</View> : null}
          {place.name}
        </View>
        {place.retired ? <View className="tag tag-other">已停用</View> : null}
      </View>
      {place.kind === 'org' ? (
        <View className={`list-line${place.members === null ? ' place-members-none' : ''}`} data-testid="place-members">
          {place.members === null ? '未填在职党员数' : `在职党员 ${place.members} 人`}
        </View>
      ) : null}
      <View className="list-line muted">编号 {place.id}</View>
      {editing ? (
        <PlaceForm
          kind={place.kind}
          place={place}
          onDone={(saved) => {
            setEditing(false);
            if (saved) props.onChanged();
          }}
        />
      ) : (
        <View className="actions">
          {props.onOpen && !place.retired ? (
            <Button type="primary" onClick={props.onOpen}>
              {place.kind === 'community' ? '网格 ›' : '单元 ›'}
            </Button>
          ) : null}
          {place.retired ? null : <Button onClick={() => setEditing(true)}>修改</Button>}
          <Button onClick={() => void act(place.retired ? 'restorePlace' : 'retirePlace')}>
            {place.retired ? '恢复' : '停用'}
          </Button>
        </View>
      )}
    </View>
  );
}

const countsLine = (counts: ImportCounts) =>
  (Object.keys(placeKindLabels) as PlaceKind[])
    .map((k) => `${placeKindLabels[k]}：新增${counts[k].added}，修改${counts[k].changed}，未变${counts[k].unchanged}`)
    .join('\n');

/** The outcome of an import: what was written, or every problem found (nothing written). */
function ImportReport({ result, onClose }: { result: ImportResult; onClose: () => void }) {
  return (
    <View className="import-report" data-testid="import-report" data-written={result.written} role="status">
      <View className="row">
        <View className="card-title">{result.written ? '导入完成' : '导入未完成：文件中有错误'}</View>
        <View className={`tag ${result.written ? 'tag-approved' : 'tag-rejected'}`}>
          {result.written ? '已写入' : '未写入'}
        </View>
      </View>
      {result.written ? (
        <View className="list-line import-counts">{countsLine(result.counts)}</View>
      ) : (
        <>
          <View className="hint">请按下列说明改好文件后重新导入（一行也没有写入）：</View>
          {result.problems.map((p, i) => (
            <View key={i} className="problem" data-testid="import-problem">
              <View className="problem-where">
                「{p.sheet}」{p.row > 0 ? `第${p.row}行` : ''}
                {p.field ? ` · ${p.field}` : ''}
              </View>
              <View className="list-line">{p.reason}</View>
            </View>
          ))}
          {result.moreProblems ? <View className="hint">另有{result.moreProblems}处错误未列出</View> : null}
        </>
      )}
      <View className="actions">
        <Button onClick={onClose}>关闭</Button>
      </View>
    </View>
  );
}

/** 导出 / 下载模板 / 导入: the district's whole tree as an xlsx file. */
function FileTools({ onImported }: { onImported: () => void }) {
  const [busy, setBusy] = useState<'' | 'export' | 'template' | 'import'>('');
  const [result, setResult] = useState<ImportResult | null>(null);
  const download = async (template: boolean) => {
    setBusy(template ? 'template' : 'export');
    try {
      const file = await call('org', 'exportTree', { template });
      await openSheet(file.url, file.fileName);
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message || '未能打开文件', icon: 'none' });
    } finally {
      setBusy('');
    }
  };
  const upload = async () => {
    setBusy('import');
    try {
      const fileId = await pickAndUploadSheet();
      if (!fileId) return;
      void Taro.showLoading({ title: '正在检查并导入' });
      const outcome = await call('org', 'importTree', { fileId }).finally(() => void Taro.hideLoading());
      setResult(outcome);
      if (outcome.written) onImported();
    } catch (e) {
      void Taro.showModal({ title: '未能导入', content: (e as Error).message, showCancel: false });
    } finally {
      setBusy('');
    }
  };
  return (
    <View className="card" data-testid="tree-files">
      <View className="card-title">批量导入导出</View>
      <View className="hint">
        下载模板或导出现有架构，在电脑上用表格软件编辑后导入。导入前会检查每一行，有错误则一行也不写入；重复导入同一文件不会重复新增。
      </View>
      <View className="actions">
        <Button loading={busy === 'template'} disabled={!!busy} onClick={() => void download(true)}>
          下载模板
        </Button>
        <Button loading={busy === 'export'} disabled={!!busy} onClick={() => void download(false)}>
          导出
        </Button>
        <Button type="primary" loading={busy === 'import'} disabled={!!busy} onClick={() => void upload()}>
          导入
        </Button>
      </View>
      {process.env.TARO_ENV === 'weapp' ? (
        <View className="hint">导入时请从微信聊天中选择文件（可先在电脑微信中发送给自己）。</View>
      ) : null}
      {result ? <ImportReport result={result} onClose={() => setResult(null)} /> : null}
    </View>
  );
}

/** The path from the district to where the page is: tap a part to go back up. */
function Crumbs({ view, go }: { view: TreeView; go: (level: Level) => void }) {
  const parts: Array<{ name: string; level: Level | null }> = [];
  if (view.manageDistrict) parts.push({ name: view.districtName || '本区', level: {} });
  if (view.community) parts.push({ name: view.community.name, level: { communityId: view.community.id } });
  if (view.grid) parts.push({ name: view.grid.name, level: null });
  return (
    <View className="crumbs" data-testid="crumbs">
      {parts.map((p, i) => (
        <View key={i} className="crumb">
          {i > 0 ? <View className="crumb-sep">›</View> : null}
          {p.level && i < parts.length - 1 ? (
            <View className="link" role="button" onClick={() => go(p.level as Level)}>
              {p.name}
            </View>
          ) : (
            <View className="crumb-here">{p.name}</View>
          )}
        </View>
      ))}
    </View>
  );
}

/**
 * 组织架构: the district's communities, reporting organisations (报到单位) and departments; a community's
 * grids; a grid's units. Add, rename, retire (never delete: records keep naming it) and restore; the district
 * also imports and exports the whole tree as an xlsx file. A station admin manages its own community's
 * grids and units.
 */
export default function OrgTree() {
  useDevLoginGuard('pages/org/tree/index');
  const [level, setLevel] = useState<Level>({});
  const [tab, setTab] = useState<DistrictTab>('community');
  const [adding, setAdding] = useState(false);
  const view = useLoad(() => call('org', 'tree', level), [level.communityId, level.gridId]);
  usePullDownRefresh(() => void view.reload().finally(() => Taro.stopPullDownRefresh()));
  const go = (next: Level) => {
    setAdding(false);
    setLevel(next);
  };
  const reload = () => void view.reload();
  if (view.state === 'loading') return <Page title="组织架构">{<Loading />}</Page>;
  if (view.state === 'error')
    return (
      <Page title="组织架构">
        <ErrorView error={view.error} onRetry={view.reload} />
      </Page>
    );
  const v = view.data;
  const atDistrict = !v.community;
  const kind: PlaceKind = v.grid ? 'unit' : v.community ? 'grid' : tab;
  const byTab = { community: v.communities, org: v.orgs, department: v.departments };
  const items = v.grid ? v.units : v.community ? v.grids : byTab[tab];
  const parentId = v.grid?.id ?? v.community?.id;
  const open = (p: PlaceNode) =>
    p.kind === 'community'
      ? () => go({ communityId: p.id })
      : p.kind === 'grid'
        ? () => go({ gridId: p.id })
        : undefined;
  const active = items.filter((p) => !p.retired).length;
  return (
    <Page title="组织架构">
      <Crumbs view={v} go={go} />
      {atDistrict && v.manageDistrict ? <FileTools onImported={reload} /> : null}
      {atDistrict ? (
        <View className="tabs" role="tablist">
          {districtTabs.map((t) => (
            <View
              key={t}
              className={`tab ${t === tab ? 'tab-active' : ''}`}
              role="tab"
              aria-selected={t === tab}
              onClick={() => {
                setAdding(false);
                setTab(t);
              }}
            >
              {placeKindLabels[t]}
            </View>
          ))}
        </View>
      ) : null}
      <View className="section-title">
        {v.grid ? `${v.grid.name}的单元` : v.community ? `${v.community.name}的网格` : placeKindLabels[kind]}：在用
        {active}个{items.length > active ? `，已停用${items.length - active}个` : ''}
      </View>
      {adding ? (
        <View className="card">
          <View className="card-title">新增{placeKindLabels[kind]}</View>
          <PlaceForm
            kind={kind}
            parentId={parentId}
            onDone={(saved) => {
              setAdding(false);
              if (saved) reload();
            }}
          />
        </View>
      ) : (
        <View className="submit">
          <Button type="primary" block onClick={() => setAdding(true)}>
            新增{placeKindLabels[kind]}
          </Button>
        </View>
      )}
      {items.length ? null : (
        <Empty title={`还没有${placeKindLabels[kind]}`} hint="点上方按钮新增，或由区委组织部批量导入" />
      )}
      {items.map((p) => (
        <PlaceItem key={`${p.id}-${p.name}-${p.retired}`} place={p} onOpen={open(p)} onChanged={reload} />
      ))}
    </Page>
  );
}
