import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { coverageLabels } from '@shared/core/holidays';
import type { CalendarYearView } from '@shared/org/org.contract';
import { call, type CallError } from '../../../api/call';
import { TextField, useFieldErrors } from '../../../components/form';
import { limits } from '../../../components/limits';
import { Page } from '../../../components/page';
import { ErrorView, Loading } from '../../../components/states';
import { useLoad } from '../../../hooks/use-call';
import { useDevLoginGuard, useMe } from '../../../hooks/use-me';
import './index.css';

/** Dates as the form shows them: ranges of consecutive days folded (2027-02-06~2027-02-13), one per line. */
function folded(dates: readonly string[]): string {
  const lines: string[] = [];
  let start = '';
  let prev = '';
  const next = (d: string) => {
    const t = new Date(`${d}T00:00:00Z`);
    t.setUTCDate(t.getUTCDate() + 1);
    return t.toISOString().slice(0, 10);
  };
  for (const d of [...dates].sort()) {
    if (prev && next(prev) === d) {
      prev = d;
      continue;
    }
    if (start) lines.push(start === prev ? start : `${start}~${prev}`);
    start = prev = d;
  }
  if (start) lines.push(start === prev ? start : `${start}~${prev}`);
  return lines.join('\n');
}

/** One year: where its working days come from; the district enters or corrects it from the notice. */
function YearCard({ y, editable, onSaved }: { y: CalendarYearView; editable: boolean; onSaved: () => void }) {
  const [editing, setEditing] = useState(false);
  const [holidays, setHolidays] = useState(folded(y.holidays));
  const [workdays, setWorkdays] = useState(folded(y.workdays));
  const [source, setSource] = useState(y.source ?? '');
  const { errors, setErrors, edit } = useFieldErrors();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      await call('org', 'saveCalendarYear', { year: y.year, holidays, workdays, source });
      void Taro.showToast({ title: `${y.year}年节假日安排已保存`, icon: 'none' });
      setEditing(false);
      onSaved();
    } catch (e) {
      setErrors((e as CallError).fields ?? {});
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="card" data-testid="calendar-year" data-year={y.year} data-coverage={y.coverage}>
      <View className="row">
        <View className="card-title">{y.year}年</View>
        <View className={`tag ${y.coverage === 'fallback' ? 'tag-pending' : 'tag-approved'}`}>
          {coverageLabels[y.coverage]}
        </View>
      </View>
      {y.coverage === 'fallback' ? (
        <View className="list-line calendar-warning" role="alert">
          尚未录入：按工作日计算的吹哨反馈期限暂按周一至周五推算，遇节假日会不准确。
        </View>
      ) : (
        <>
          <View className="list-line">
            放假 {y.holidays.length} 天{y.workdays.length ? `，调休上班 ${y.workdays.length} 天` : ''}
          </View>
          {y.source ? <View className="list-line">依据：{y.source}</View> : null}
        </>
      )}
      {editable && !editing ? (
        <View className="actions">
          <Button type={y.coverage === 'fallback' ? 'primary' : 'default'} onClick={() => setEditing(true)}>
            {y.coverage === 'entered' ? '更正' : '录入'}
          </Button>
        </View>
      ) : null}
      {editing ? (
        <View className="inline-form">
          <TextField
            label="放假日期"
            name="holidays"
            multiline
            limit={limits.calendarHolidays}
            placeholder={'每行一个日期或一段日期，如\n2027-01-01\n2027-02-06~2027-02-13'}
            value={holidays}
            onInput={edit('holidays', setHolidays)}
            error={errors.holidays}
          />
          <TextField
            label="调休上班日期（周六、周日）"
            name="workdays"
            multiline
            limit={limits.calendarWorkdays}
            placeholder="如 2027-02-14"
            value={workdays}
            onInput={edit('workdays', setWorkdays)}
            error={errors.workdays}
          />
          <TextField
            label="依据（通知名称或文号）"
            name="source"
            limit={limits.calendarSource}
            placeholder="国务院办公厅关于2027年部分节假日安排的通知"
            value={source}
            onInput={edit('source', setSource)}
            error={errors.source}
          />
          <View className="actions">
            <Button onClick={() => setEditing(false)}>取消</Button>
            <Button type="primary" loading={busy} disabled={busy} onClick={() => void save()}>
              保存
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
}

/**
 * 节假日安排: where each year's working days come from (the built-in calendar, the district's entry, or not
 * covered). The district enters a year from the State Council's notice; the station reads it.
 */
export default function Calendar() {
  useDevLoginGuard('pages/org/calendar/index');
  const me = useMe();
  const years = useLoad(() => call('org', 'calendar', {}), []);
  usePullDownRefresh(() => void years.reload().finally(() => Taro.stopPullDownRefresh()));
  const district = me.state === 'ready' && me.data.grants.some((g) => g.role === 'districtAdmin');
  return (
    <Page title="节假日安排">
      <View className="section-title">
        按工作日计算吹哨反馈期限时使用。国务院办公厅每年发布次年节假日安排后，由区委组织部录入。
      </View>
      {years.state === 'loading' ? <Loading /> : null}
      {years.state === 'error' ? <ErrorView error={years.error} onRetry={years.reload} /> : null}
      {years.state === 'ready'
        ? years.data.years.map((y) => (
            <YearCard
              key={`${y.year}-${y.enteredAt ?? ''}`}
              y={y}
              editable={district}
              onSaved={() => void years.reload()}
            />
          ))
        : null}
    </Page>
  );
}
