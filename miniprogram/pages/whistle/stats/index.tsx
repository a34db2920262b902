import { View } from '@tarojs/components';
import { useState } from 'react';
import { beijing } from '@shared/core/time';
import { call } from '../../../api/call';
import { PickerField } from '../../../components/form';
import { Empty, ErrorView, Loading } from '../../../components/states';
import { useLoad } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';

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
    </Page>
  );
}
