import { Switch, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { ProblemView } from '@shared/whistle/whistle.contract';
import type { ProblemStatus } from '@shared/whistle/whistle.rules';
import { call } from '../../../api/call';
import { NoteAction } from '../../../components/note-action';
import { OptionField } from '../../../components/option-field';
import { PagedList, Tabs } from '../../../components/paged-list';
import { ProblemCard } from '../../../components/problem-card';
import { runAction } from '../../../hooks/use-action';
import { useListPage, useLoad } from '../../../hooks/use-call';
import { ListFilterBar, openedFilter, type Filter } from '../../../components/list-filter';
import { useRoles } from '../../../hooks/use-roles';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';
import { limits } from '../../../components/limits';
import { afterConfirm } from '../../../hooks/confirm';

/** Every state of the ledger, in the order a report moves; the finished ones last. */
const tabs: Array<{ value: ProblemStatus; label: string }> = [
  { value: 'submitted', label: '待处理' },
  { value: 'in_station', label: '站内办理' },
  { value: 'whistled', label: '已吹哨' },
  { value: 'acknowledged', label: '部门已报到' },
  { value: 'responded', label: '待确认' },
  { value: 'returned', label: '部门退回' },
  { value: 'reopened', label: '重办' },
  { value: 'confirmed', label: '已办结' },
  { value: 'closed', label: '已评价' },
  { value: 'declined', label: '不予受理' },
];

/** 吹哨: choose the departments, the lead among them, and whether they may see who reported it. */
function WhistleAction({ problemId, onDone }: { problemId: string; onDone: (p: ProblemView) => void }) {
  const places = useLoad(() => call('org', 'places', {}), []);
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [lead, setLead] = useState('');
  const [share, setShare] = useState(false);
  if (!open)
    return (
      <Button type="primary" onClick={() => setOpen(true)}>
        吹哨
      </Button>
    );
  const departments = places.data?.departments ?? [];
  const toggle = (id: string) => setChosen((old) => (old.includes(id) ? old.filter((x) => x !== id) : [...old, id]));
  const send = async () => {
    const res = await runAction(
      () =>
        call('report', 'triage', {
          problemId,
          action: 'whistle',
          departments: chosen,
          leadDepartment: lead || chosen[0] || '',
          shareIdentity: share,
        }),
      '已吹哨，部门须在期限内反馈',
    );
    if (res) onDone(res.problem);
  };
  return (
    <View style={{ width: '100%' }}>
      <View className="field-label">选择部门</View>
      <View style={{ display: 'flex', flexWrap: 'wrap', gap: '8px' }}>
        {departments.map((d) => (
          <View
            key={d.id}
            className={`tag ${chosen.includes(d.id) ? 'tag-role' : 'tag-other'}`}
            data-testid="dept-option"
            onClick={() => toggle(d.id)}
          >
            {d.name}
          </View>
        ))}
      </View>
      <OptionField
        label="牵头部门"
        placeholder={chosen.length ? '请选择' : '请先选择部门'}
        options={departments.filter((d) => chosen.includes(d.id))}
        value={lead}
        onChange={setLead}
        testid="pick-lead"
      />
      <View className="row" style={{ marginTop: '8px' }}>
        <View className="hint">向部门提供反映人姓名和电话</View>
        <Switch
          checked={share}
          color="#c8161d"
          nativeProps={{ 'aria-label': '向部门提供反映人姓名和电话' }}
          onChange={(e) => setShare(e.detail.value)}
        />
      </View>
      <View className="actions">
        <Button onClick={() => setOpen(false)}>取消</Button>
        <Button type="primary" disabled={!chosen.length} onClick={() => void send()}>
          确认吹哨
        </Button>
      </View>
    </View>
  );
}

/** 合并: a report about the same thing as an open one nearby becomes its "me too". */
function MergeAction({ problem, onDone }: { problem: ProblemView; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const nearby = useLoad(
    () => (open ? call('report', 'nearbyProblems', { unitId: problem.unitId }) : Promise.resolve({ items: [] })),
    [open],
  );
  const [target, setTarget] = useState('');
  if (!open) return <Button onClick={() => setOpen(true)}>合并</Button>;
  const options = (nearby.data?.items ?? [])
    .filter((p) => p.id !== problem.id && p.status !== 'submitted')
    .map((p) => ({ id: p.id, name: `${p.category}：${p.description.slice(0, 16)}` }));
  const merge = async () => {
    const res = await runAction(
      () => call('report', 'triage', { problemId: problem.id, action: 'merge', mergeInto: target }),
      '已合并',
    );
    if (res) onDone();
  };
  return (
    <View style={{ width: '100%' }}>
      <OptionField
        label="合并到（附近正在处理的问题）"
        placeholder={options.length ? '请选择' : '附近没有正在处理的问题'}
        options={options}
        value={target}
        onChange={setTarget}
        testid="pick-merge"
      />
      <View className="actions">
        <Button onClick={() => setOpen(false)}>取消</Button>
        <Button type="primary" disabled={!target} onClick={() => void merge()}>
          确认合并
        </Button>
      </View>
    </View>
  );
}

/** The station triages, whistles, confirms results and follows every report of the community by state. */
export default function StationProblems() {
  useDevLoginGuard('pages/whistle/station/index');
  // Opened from a message, the page shows the tab of the problem's state (`?status=`).
  const params = useRouter().params;
  const opened = params.status as ProblemStatus | undefined;
  const [status, setStatus] = useState<ProblemStatus>(
    opened && tabs.some((t) => t.value === opened) ? opened : 'submitted',
  );
  // Opened from a grid of the dashboard: narrowed to it (`?gridId=`).
  const [filter, setFilter] = useState<Filter>(() => openedFilter(params));
  const { me } = useRoles();
  const station = me.data?.grants.find((g) => g.role === 'stationAdmin')?.scopeId ?? null;
  const list = useListPage(
    (cursor) => call('report', 'stationProblems', { status, ...filter, cursor, limit: 20 }),
    [status, JSON.stringify(filter)],
  );
  const drop = (id: string) => list.setItems((old) => old.filter((x) => x.id !== id));
  const act = (work: () => Promise<unknown>, ok: string, id: string) =>
    void runAction(work, ok).then((r) => r && drop(id));
  const ask = (o: { title: string; content: string }, work: () => Promise<unknown>, ok: string, id: string) =>
    void afterConfirm(o, () => act(work, ok, id));
  return (
    <Page title="问题台账">
      <Tabs tabs={tabs} value={status} onChange={setStatus} />
      <ListFilterBar
        value={filter}
        onChange={setFilter}
        communityId={station}
        pickCommunity={!station && !!me.data}
        placeholder="问题内容、居民姓名，或完整手机号"
      />
      <PagedList list={list} empty={{ title: '暂无问题' }}>
        {(p) => (
          <ProblemCard key={p.id} problem={p}>
            {['submitted', 'reopened', 'returned'].includes(p.status) ? (
              <View className="actions" style={{ flexWrap: 'wrap' }}>
                <Button
                  onClick={() =>
                    ask(
                      { title: '站内解决', content: '由工作站自己办理这件事，办完后在“站内办理”里反馈结果。' },
                      () => call('report', 'triage', { problemId: p.id, action: 'solveInStation' }),
                      '转站内处理',
                      p.id,
                    )
                  }
                >
                  站内解决
                </Button>
                <NoteAction
                  label="不予受理"
                  placeholder="原因（居民可见）"
                  confirm="确认"
                  limit={limits.problemReason}
                  danger
                  onSubmit={(reason) =>
                    runAction(
                      () => call('report', 'triage', { problemId: p.id, action: 'decline', reason }),
                      '已处理',
                    ).then((r) => void (r && drop(p.id)))
                  }
                />
                {p.status === 'submitted' ? <MergeAction problem={p} onDone={() => drop(p.id)} /> : null}
                <WhistleAction problemId={p.id} onDone={() => drop(p.id)} />
              </View>
            ) : null}
            {p.status === 'in_station' ? (
              <View className="actions">
                <NoteAction
                  label="办结反馈"
                  placeholder="处理结果"
                  confirm="提交"
                  limit={limits.problemResult}
                  onSubmit={(result) =>
                    runAction(() => call('report', 'stationRespond', { problemId: p.id, result }), '已反馈').then(
                      (r) => void (r && drop(p.id)),
                    )
                  }
                />
              </View>
            ) : null}
            {p.status === 'responded' ? (
              <View className="actions">
                <Button
                  onClick={() =>
                    ask(
                      { title: '重新吹哨', content: '结果未解决，再次吹哨给原部门，部门须在期限内重新反馈。' },
                      () =>
                        call('report', 'triage', {
                          problemId: p.id,
                          action: 'whistle',
                          departments: p.departments.map((d) => d.id),
                          leadDepartment: p.departments.find((d) => d.lead)?.id ?? '',
                        }),
                      '已重新吹哨',
                      p.id,
                    )
                  }
                >
                  未解决，重新吹哨
                </Button>
                <Button
                  type="primary"
                  onClick={() =>
                    ask(
                      { title: '确认办结', content: '确认问题已解决？办结后将告知居民并请其评价。' },
                      () => call('report', 'confirmResult', { problemId: p.id }),
                      '已办结，已告知居民',
                      p.id,
                    )
                  }
                >
                  确认办结
                </Button>
              </View>
            ) : null}
          </ProblemCard>
        )}
      </PagedList>
    </Page>
  );
}
