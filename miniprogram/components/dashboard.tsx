import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { enrolmentStatusLabels } from '@shared/checkin/enrolment.rules';
import type { CommunityFigures, MonthFigures } from '@shared/org/stats.contract';
import { problemStatusLabels } from '@shared/whistle/whistle.rules';
import { wishStatusLabels } from '@shared/wish/wish.rules';
import { call } from '../api/call';
import { useLoad } from '../hooks/use-call';
import { Page } from './page';
import { Tabs } from './paged-list';
import { ErrorView, Loading } from './states';
import './dashboard.css';

type Kind = 'report' | 'wish' | 'problem';

/** Each kind: its title, its states in the order a record goes through them, and the list each opens. */
const kinds: Record<Kind, { title: string; labels: Record<string, string>; states: string[]; page: string }> = {
  report: {
    title: '党员报到',
    labels: enrolmentStatusLabels,
    states: ['pending', 'approved', 'rejected', 'withdrawn', 'moved'],
    page: 'pages/checkin/review/index',
  },
  wish: {
    title: '微心愿',
    labels: wishStatusLabels,
    states: ['pending_review', 'open', 'claimed', 'fulfilled', 'confirmed', 'rejected', 'cancelled'],
    page: 'pages/wish/review/index',
  },
  problem: {
    title: '问题与吹哨',
    labels: problemStatusLabels,
    states: [
      'submitted',
      'in_station',
      'whistled',
      'acknowledged',
      'returned',
      'responded',
      'reopened',
      'confirmed',
      'closed',
      'duplicate',
      'declined',
    ],
    page: 'pages/whistle/station/index',
  },
};

/** What a month's bar counts for each kind: the records that came in (their first state). */
const arrivals: Record<Kind, { state: string; label: string }> = {
  report: { state: 'pending', label: '报到申请' },
  wish: { state: 'pending_review', label: '发布心愿' },
  problem: { state: 'submitted', label: '反映问题' },
};

const open = (page: string, status: string) => void Taro.navigateTo({ url: `/${page}?status=${status}` });

/** One kind's states as a bar of its parts and a row per state with its count; a state opens its list. */
function StateBars({ kind, counts, station }: { kind: Kind; counts: Record<string, number>; station: boolean }) {
  const k = kinds[kind];
  const total = k.states.reduce((s, st) => s + (counts[st] ?? 0), 0);
  const max = Math.max(1, ...k.states.map((st) => counts[st] ?? 0));
  return (
    <View className="card" data-testid={`figures-${kind}`}>
      <View className="row">
        <View className="card-title">{k.title}</View>
        <View className="dash-total">共 {total}</View>
      </View>
      {k.states
        .filter((st) => (counts[st] ?? 0) > 0 || ['pending', 'pending_review', 'submitted'].includes(st))
        .map((st) => (
          <View
            key={st}
            className="dash-row"
            role="button"
            data-testid="figure"
            data-state={st}
            onClick={() => station && open(k.page, st)}
          >
            <View className="dash-label">{k.labels[st] ?? st}</View>
            <View className="dash-track">
              <View className="dash-bar" style={{ width: `${((counts[st] ?? 0) / max) * 100}%` }} />
            </View>
            <View className="dash-count">{counts[st] ?? 0}</View>
          </View>
        ))}
    </View>
  );
}

/** Twelve months of arrivals as columns, the latest on the right. */
function Trend({ months }: { months: MonthFigures[] }) {
  const [kind, setKind] = useState<Kind>('wish');
  if (!months.length) return null;
  const values = months.map((m) => m[kind][arrivals[kind].state] ?? 0);
  const max = Math.max(1, ...values);
  return (
    <View className="card" data-testid="trend">
      <View className="card-title">近12个月</View>
      <Tabs
        tabs={(['report', 'wish', 'problem'] as Kind[]).map((k) => ({ value: k, label: arrivals[k].label }))}
        value={kind}
        onChange={setKind}
      />
      <View className="dash-columns">
        {months.map((m, i) => (
          <View key={m.month} className="dash-column" data-testid="trend-month" data-month={m.month}>
            <View className="dash-column-value">{values[i]}</View>
            <View className="dash-column-track">
              <View className="dash-column-bar" style={{ height: `${((values[i] ?? 0) / max) * 100}%` }} />
            </View>
            <View className="dash-column-label">{Number(m.month.slice(5))}月</View>
          </View>
        ))}
      </View>
    </View>
  );
}

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

/** One community's figures: each kind's states, its two rates, its twelve months. */
function CommunityView({ c, months, station }: { c: CommunityFigures; months: MonthFigures[]; station: boolean }) {
  return (
    <View>
      <View className="card dash-rates">
        <View className="dash-rate">
          <View className="dash-rate-value">{pct(c.wishCompletion)}</View>
          <View className="hint">微心愿完成率</View>
        </View>
        <View className="dash-rate">
          <View className="dash-rate-value">{pct(c.problemResolution)}</View>
          <View className="hint">问题办结率</View>
        </View>
      </View>
      <StateBars kind="report" counts={c.report} station={station} />
      <StateBars kind="wish" counts={c.wish} station={station} />
      <StateBars kind="problem" counts={c.problem} station={station} />
      <Trend months={months} />
    </View>
  );
}

/**
 * 统计看板, from the counters kept as the work happens. The station sees its community (each state opens its
 * list); the district sees its communities side by side and opens one (drill-down).
 */
export function Dashboard({ district = false }: { district?: boolean }) {
  const [communityId, setCommunityId] = useState<string | null>(null);
  const data = useLoad(() => call('org', 'dashboard', communityId ? { communityId } : {}), [communityId]);
  const title = district ? '全区统计' : '社区统计';
  if (data.state === 'loading')
    return (
      <Page title={title}>
        <Loading />
      </Page>
    );
  if (data.state === 'error')
    return (
      <Page title={title}>
        <ErrorView error={data.error} onRetry={data.reload} />
      </Page>
    );
  const d = data.data;
  return (
    <Page title={title}>
      <View className="banner">
        <View className="banner-title">{d.name}</View>
        <View className="banner-sub">{d.scope === 'district' ? '各社区对比' : '本社区'} · 实时统计</View>
      </View>
      {d.scope === 'community' ? (
        <View>
          {communityId ? (
            <View className="state-actions">
              <View className="link" role="button" onClick={() => setCommunityId(null)}>
                返回全区
              </View>
            </View>
          ) : null}
          {d.communities[0] ? <CommunityView c={d.communities[0]} months={d.months} station={!district} /> : null}
        </View>
      ) : (
        <View>
          <Trend months={d.months} />
          <View className="section-title">各社区（点击查看详情）</View>
          {d.communities.map((c) => (
            <View
              key={c.id}
              className="list-item"
              role="button"
              data-testid="community-figures"
              data-name={c.name}
              onClick={() => setCommunityId(c.id)}
            >
              <View className="row">
                <View className="card-title">{c.name}</View>
                <View className="link">详情</View>
              </View>
              <View className="list-line">
                报到 已通过{c.report.approved ?? 0} · 待审核{c.report.pending ?? 0}
              </View>
              <View className="list-line">
                微心愿完成率 {pct(c.wishCompletion)} · 问题办结率 {pct(c.problemResolution)}
              </View>
            </View>
          ))}
        </View>
      )}
    </Page>
  );
}
