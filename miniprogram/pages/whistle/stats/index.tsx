import { View } from '@tarojs/components';
import { useState } from 'react';
import { beijing } from '@shared/core/time';
import { call } from '../../../api/call';
import { PickerField } from '../../../components/form';
import { Tabs } from '../../../components/paged-list';
import { Empty, ErrorView, Loading } from '../../../components/states';
import { useLoad } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';
import './index.css';

/**
 * The months that can have figures: from the year the district began using the app to this month (a picker
 * without bounds scrolls to 2999).
 */
const firstDay = '2025-01-01';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);

function Rates({
  r,
}: {
  r: {
    whistled: number;
    responseRate: number | null;
    onTimeRate: number | null;
    resolutionRate: number | null;
    satisfactionRate: number | null;
  };
}) {
  return (
    <View className="list-line">
      吹哨{r.whistled} · 响应{pct(r.responseRate)} · 按时反馈{pct(r.onTimeRate)} · 解决{pct(r.resolutionRate)} · 满意
      {pct(r.satisfactionRate)}
    </View>
  );
}

type Month = { month: string; whistled: number; respondedOnTime: number; resolved: number };
type Figure = 'whistled' | 'respondedOnTime' | 'resolved';
const figures: Array<{ value: Figure; label: string }> = [
  { value: 'whistled', label: '吹哨' },
  { value: 'respondedOnTime', label: '按时反馈' },
  { value: 'resolved', label: '解决' },
];

/** The district's twelve months up to the chosen one, one figure at a time: a bar per month, the latest last. */
function Trend({ months }: { months: Month[] }) {
  const [figure, setFigure] = useState<Figure>('whistled');
  if (!months.some((m) => m.whistled > 0)) return null;
  const max = Math.max(1, ...months.map((m) => m[figure]));
  return (
    <View className="card" data-testid="whistle-trend">
      <View className="card-title">全区近12个月</View>
      <Tabs tabs={figures} value={figure} onChange={setFigure} />
      {months.map((m) => (
        <View key={m.month} className="ws-row" data-testid="trend-month" data-month={m.month}>
          <View className="ws-month">
            {m.month.slice(5) === '01' ? `${m.month.slice(0, 4)}年` : ''}
            {Number(m.month.slice(5))}月
          </View>
          <View className="ws-track">
            <View className="ws-bar" style={{ width: `${(m[figure] / max) * 100}%` }} />
          </View>
          <View className="ws-count">{m[figure]}</View>
        </View>
      ))}
      <View className="hint">按吹哨月份统计，之后的反馈和解决也计入吹哨的月份。</View>
    </View>
  );
}

/** The district's monthly figures per department (with assessment points) and per community. */
export default function ProblemStats() {
  useDevLoginGuard('pages/whistle/stats/index');
  const today = beijing(new Date().toISOString(), 'YYYY-MM-DD');
  const [month, setMonth] = useState(today.slice(0, 7));
  const stats = useLoad(() => call('report', 'problemStats', { month }), [month]);
  return (
    <Page title="吹哨报到统计">
      <View className="form">
        <PickerField
          label="月份"
          mode="date"
          fields="month"
          start={firstDay}
          end={today}
          value={month}
          onChange={(v) => setMonth(v.slice(0, 7))}
          testid="month"
        />
      </View>
      {stats.state === 'loading' ? <Loading /> : null}
      {stats.state === 'error' ? <ErrorView error={stats.error} onRetry={stats.reload} /> : null}
      {stats.state === 'ready' && stats.data.departments.length === 0 ? <Empty title="本月没有吹哨" /> : null}
      {stats.state === 'ready' && stats.data.departments.length ? (
        <View>
          <View className="section-title">部门（按考核分排序）</View>
          {stats.data.departments.map((d) => (
            <View key={d.id} className="list-item" data-testid="dept-stat">
              <View className="row">
                <View className="card-title">{d.name}</View>
                <View className="stat-value">{d.points}分</View>
              </View>
              <Rates r={d} />
            </View>
          ))}
          <View className="section-title">社区</View>
          {stats.data.communities.map((c) => (
            <View key={c.id} className="list-item">
              <View className="card-title">{c.name}</View>
              <Rates r={c} />
            </View>
          ))}
        </View>
      ) : null}
      {stats.state === 'ready' ? <Trend months={stats.data.months} /> : null}
    </Page>
  );
}
