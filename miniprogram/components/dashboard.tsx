import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { enrolmentStatusLabels } from '@shared/checkin/enrolment.rules';
import type { CommunityFigures, GridFigures, MonthFigures, OrgFigures } from '@shared/org/stats.contract';
import { problemStatusLabels } from '@shared/whistle/whistle.rules';
import { wishStatusLabels } from '@shared/wish/wish.rules';
import { call } from '../api/call';
import type { Output } from '../api/call';
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

const open = (page: string, params: string) => void Taro.navigateTo({ url: `/${page}?${params}` });

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
            onClick={() => station && open(k.page, `status=${st}`)}
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

type TrendKind = Kind | 'hours' | 'points';
const trendLabels: Record<TrendKind, string> = {
  report: arrivals.report.label,
  wish: arrivals.wish.label,
  problem: arrivals.problem.label,
  hours: '服务时长',
  points: '发放积分',
};

/** A month's value for the trend: arrivals, confirmed hours of the services given, or points issued. */
function monthValue(m: MonthFigures, kind: TrendKind): number {
  if (kind === 'points') return m.points.issued;
  if (kind === 'hours') return Math.round((m.service.hours ?? 0) * 10) / 10;
  return m[kind][arrivals[kind].state] ?? 0;
}

/** Twelve months of arrivals (or points issued) as columns, the latest on the right. */
function Trend({ months }: { months: MonthFigures[] }) {
  const [kind, setKind] = useState<TrendKind>('wish');
  if (!months.length) return null;
  const values = months.map((m) => monthValue(m, kind));
  const max = Math.max(1, ...values);
  return (
    <View className="card" data-testid="trend">
      <View className="card-title">近12个月</View>
      <Tabs
        tabs={(['report', 'wish', 'problem', 'hours', 'points'] as TrendKind[]).map((k) => ({
          value: k,
          label: trendLabels[k],
        }))}
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

/** The place's rates, side by side, large. */
function Rates({ rates }: { rates: Array<[string, number | null]> }) {
  // Four do not fit one row of a phone with their labels: two rows of two.
  return (
    <View className={`card dash-rates ${rates.length > 3 ? 'dash-rates-wrap' : ''}`}>
      {rates.map(([label, value]) => (
        <View key={label} className="dash-rate" data-testid="rate" data-label={label}>
          <View className="dash-rate-value">{pct(value)}</View>
          <View className="hint">{label}</View>
        </View>
      ))}
    </View>
  );
}

/** 志愿服务: services confirmed and their hours, and those waiting to be confirmed (the station opens them). */
function ServiceCard({ service, station }: { service: Record<string, number>; station: boolean }) {
  const pending = service.pending ?? 0;
  return (
    <View className="card" data-testid="figures-service">
      <View className="card-title">志愿服务</View>
      <View className="dash-rates">
        <View className="dash-rate">
          <View className="dash-rate-value">{service.confirmed ?? 0}</View>
          <View className="hint">已确认（次）</View>
        </View>
        <View className="dash-rate">
          <View className="dash-rate-value">{Math.round((service.hours ?? 0) * 10) / 10}</View>
          <View className="hint">服务时长（小时）</View>
        </View>
      </View>
      <View
        className={`list-line ${station && pending ? 'dash-link-line' : ''}`}
        role={station && pending ? 'button' : undefined}
        data-testid="service-pending"
        onClick={() => station && pending && void Taro.navigateTo({ url: '/pages/points/confirm/index' })}
      >
        待确认 {pending} 次{service.rejected ? ` · 未通过 ${service.rejected} 次` : ''}
      </View>
    </View>
  );
}

/** 岗位与活动: posts held now, activities made, members who came (checked out), this month and in all. */
function CheckinCard({ checkin, month }: { checkin: Record<string, number>; month?: Record<string, number> }) {
  const cell = (value: number, label: string) => (
    <View className="dash-rate">
      <View className="dash-rate-value">{value}</View>
      <View className="hint">{label}</View>
    </View>
  );
  return (
    <View className="card" data-testid="figures-checkin">
      <View className="card-title">岗位与活动</View>
      <View className="dash-rates">
        {cell(checkin.posts ?? 0, '岗位在岗人数')}
        {cell(checkin.activities ?? 0, '活动场次')}
        {cell(checkin.attended ?? 0, '参加人次')}
      </View>
      {month ? (
        <View className="list-line">
          本月：活动 {month.activities ?? 0} 场 · 参加 {month.attended ?? 0} 人次 · 新认领岗位 {month.posts ?? 0} 人
        </View>
      ) : null}
    </View>
  );
}

/** Points issued and redeemed so far. */
function PointsCard({ points }: { points: CommunityFigures['points'] }) {
  return (
    <View className="card" data-testid="figures-points">
      <View className="card-title">积分</View>
      <View className="dash-rates">
        <View className="dash-rate">
          <View className="dash-rate-value">{points.issued}</View>
          <View className="hint">累计发放</View>
        </View>
        <View className="dash-rate">
          <View className="dash-rate-value">{points.redeemed}</View>
          <View className="hint">累计兑换</View>
        </View>
      </View>
    </View>
  );
}

const sumStates = (c: Record<string, number>, states: string[]) => states.reduce((n, s) => n + (c[s] ?? 0), 0);
const problemOpen = ['submitted', 'in_station', 'whistled', 'acknowledged', 'returned', 'responded', 'reopened'];

/**
 * The community's grids side by side (drill-down below the community). For the station each line opens its
 * list narrowed to the grid.
 */
function GridTable({ grids, station }: { grids: GridFigures[]; station: boolean }) {
  if (!grids.length) return null;
  const line = (label: string, page: string, gridId: string, testid: string) => (
    <View
      className={`list-line ${station ? 'dash-link-line' : ''}`}
      role={station ? 'button' : undefined}
      data-testid={testid}
      onClick={() => station && open(page, `gridId=${gridId}`)}
    >
      {label}
    </View>
  );
  return (
    <View>
      <View className="section-title">各网格</View>
      {grids.map((g) => (
        <View key={g.id} className="list-item" data-testid="grid-figures" data-name={g.name}>
          <View className="card-title">{g.name}</View>
          {line(
            `报到 已通过${g.report.approved ?? 0} · 待审核${g.report.pending ?? 0}`,
            kinds.report.page,
            g.id,
            'grid-report',
          )}
          {line(
            `微心愿 进行中${sumStates(g.wish, ['open', 'claimed', 'fulfilled'])} · 已完成${g.wish.confirmed ?? 0}`,
            kinds.wish.page,
            g.id,
            'grid-wish',
          )}
          {line(
            `问题 办理中${sumStates(g.problem, problemOpen)} · 已办结${sumStates(g.problem, ['confirmed', 'closed'])}`,
            kinds.problem.page,
            g.id,
            'grid-problem',
          )}
          <View className="list-line" data-testid="grid-half-year">
            半年履责达标 {g.halfYearMet} 人
          </View>
        </View>
      ))}
    </View>
  );
}

/** The district's organisations: their members' 报到, and 报到率 where they declared their members. */
function OrgTable({ orgs }: { orgs: OrgFigures[] }) {
  if (!orgs.length) return null;
  return (
    <View>
      <View className="section-title">各报到单位</View>
      {orgs.map((o) => (
        <View key={o.id} className="list-item" data-testid="org-figures" data-name={o.name}>
          <View className="row">
            <View className="card-title">{o.name}</View>
            <View className="dash-rate-small">
              <View className="hint dash-rate-label">报到率</View>
              {pct(o.reportRate)}
            </View>
          </View>
          <View className="list-line">
            已报到{o.approved} · 待审核{o.pending} · {o.members === null ? '未填在职党员数' : `在职党员${o.members}人`}
          </View>
        </View>
      ))}
    </View>
  );
}

/** Whose figure 半年履责达标率 is: the approved members who met the rule this half-year. */
function HalfYearLine({ halfYear, c }: { halfYear: string; c: CommunityFigures }) {
  return (
    <View className="hint dash-note" data-testid="half-year-line">
      {halfYear}：已报到党员 {c.report.approved ?? 0} 人，履责达标 {c.halfYearMet} 人（至少参加1次服务并认领1项）
    </View>
  );
}

type WhistleMonth = Output<'org', 'dashboard'>['whistles'];
const asPercent = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

/** This month's whistles and the four rates (as 吹哨报到统计 counts them), two rows of two. */
function WhistleRates({ w }: { w: WhistleMonth }) {
  return (
    <View data-testid="whistle-rates">
      <View className="section-title">
        本月吹哨 {w.whistled} 件（{Number(w.month.slice(5))}月）
      </View>
      <Rates
        rates={[
          ['响应率', asPercent(w.responseRate)],
          ['按时反馈率', asPercent(w.onTimeRate)],
          ['办结率', asPercent(w.resolutionRate)],
          ['满意率', asPercent(w.satisfactionRate)],
        ]}
      />
    </View>
  );
}

/** Whistles past their deadline with no feedback: red when there are any; the station opens its 吹哨 list. */
function OverdueLine({ count, station }: { count: number; station: boolean }) {
  return (
    <View
      className={`list-item ${count ? 'dash-alert' : 'dash-quiet'}`}
      role={station && count ? 'button' : undefined}
      data-testid="overdue-whistles"
      onClick={() => station && count && open(kinds.problem.page, 'status=whistled')}
    >
      <View className="row">
        <View className="card-title">吹哨逾期未反馈</View>
        <View className="dash-rate-small">{count} 件</View>
      </View>
    </View>
  );
}

/** One community's figures: its rates, each kind's states, its points, its months and its grids. */
function CommunityView({
  c,
  months,
  grids,
  station,
  halfYear,
  overdueWhistles,
  whistles,
}: {
  c: CommunityFigures;
  months: MonthFigures[];
  grids: GridFigures[];
  station: boolean;
  halfYear: string;
  overdueWhistles: number;
  whistles: WhistleMonth;
}) {
  return (
    <View>
      <Rates
        rates={[
          ['履责达标率', c.halfYearRate],
          ['微心愿完成率', c.wishCompletion],
          ['问题办结率', c.problemResolution],
        ]}
      />
      <HalfYearLine halfYear={halfYear} c={c} />
      <OverdueLine count={overdueWhistles} station={station} />
      <WhistleRates w={whistles} />
      <StateBars kind="report" counts={c.report} station={station} />
      <StateBars kind="wish" counts={c.wish} station={station} />
      <StateBars kind="problem" counts={c.problem} station={station} />
      <CheckinCard checkin={c.checkin} month={months.at(-1)?.checkin} />
      <ServiceCard service={c.service} station={station} />
      <PointsCard points={c.points} />
      <Trend months={months} />
      <GridTable grids={grids} station={station} />
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
          <CommunityView
            c={d.total}
            months={d.months}
            grids={d.grids}
            station={!district}
            halfYear={d.halfYear}
            overdueWhistles={d.overdueWhistles}
            whistles={d.whistles}
          />
        </View>
      ) : (
        <View>
          <Rates
            rates={[
              ['报到率', d.reportRate],
              ['履责达标率', d.total.halfYearRate],
              ['微心愿完成率', d.total.wishCompletion],
              ['问题办结率', d.total.problemResolution],
            ]}
          />
          <HalfYearLine halfYear={d.halfYear} c={d.total} />
          <OverdueLine count={d.overdueWhistles} station={false} />
          <WhistleRates w={d.whistles} />
          <View
            className="list-item"
            role="button"
            data-testid="open-whistle-stats"
            onClick={() => void Taro.navigateTo({ url: '/pages/whistle/stats/index' })}
          >
            <View className="row">
              <View className="card-title">职能部门考核</View>
              <View className="link">吹哨报到统计</View>
            </View>
            <View className="list-line">各部门响应率、按时反馈率、办结率、满意率与考核积分</View>
          </View>
          <CheckinCard checkin={d.total.checkin} month={d.months.at(-1)?.checkin} />
          <ServiceCard service={d.total.service} station={false} />
          <PointsCard points={d.total.points} />
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
              <View className="list-line">半年履责达标率 {pct(c.halfYearRate)}</View>
            </View>
          ))}
          <OrgTable orgs={d.orgs} />
        </View>
      )}
    </Page>
  );
}
