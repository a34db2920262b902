import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import type { Role } from '@shared/core/roles';
import { beijing } from '@shared/core/time';
import { exportPeriods, exportRoles, type ExportKind } from '@shared/org/exports.rules';
import { call, type CallError } from '../../../api/call';
import { openSheet } from '../../../api/sheet';
import { PickerField } from '../../../components/form';
import { OptionField } from '../../../components/option-field';
import { Page } from '../../../components/page';
import { Empty, ErrorView, Loading } from '../../../components/states';
import { useLoad } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import './index.css';

/** The exports in the order the page shows them, each with its action and what it holds. */
const exportsShown: Array<{
  kind: ExportKind;
  title: string;
  hint: string;
  action: 'exportEnrolments' | 'exportHalfYear' | 'exportWishes' | 'exportPoints' | 'exportWhistles';
}> = [
  {
    kind: 'enrolments',
    title: '报到回执汇总',
    hint: '期间内提交的报到：姓名、手机号、报到单位、社区、网格单元、状态和时间',
    action: 'exportEnrolments',
  },
  {
    kind: 'halfYear',
    title: '党员半年履责台账',
    hint: '每名已报到党员半年内参加服务和认领的次数，是否达标',
    action: 'exportHalfYear',
  },
  {
    kind: 'wishes',
    title: '微心愿台账',
    hint: '期间内发布的心愿：状态、时间、认领党员和确认情况',
    action: 'exportWishes',
  },
  {
    kind: 'points',
    title: '积分台账',
    hint: '党员积分余额一张表，期间内的积分明细一张表',
    action: 'exportPoints',
  },
  {
    kind: 'whistles',
    title: '吹哨报到考核表',
    hint: '按部门、按月：接哨、按时报到、按时反馈、办结、满意、逾期和考核积分',
    action: 'exportWhistles',
  },
];

const FIRST_DAY = '2025-01-01';

/** The last day of a month 'YYYY-MM'. */
function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** The half-years from this one back to the first year, newest first: 2026年下半年… */
function halfYears(today: string): Array<{ id: string; name: string }> {
  const list: Array<{ id: string; name: string }> = [];
  for (let year = Number(today.slice(0, 4)); year >= Number(FIRST_DAY.slice(0, 4)); year--)
    for (const second of [true, false]) {
      const from = `${year}-${second ? '07-01' : '01-01'}`;
      if (from > today) continue;
      list.push({ id: `${from}|${year}-${second ? '12-31' : '06-30'}`, name: `${year}年${second ? '下' : '上'}半年` });
    }
  return list;
}

type Period = { from: string; to: string };

/** The period picker each export takes: a half-year, whole months, or a date range. */
function PeriodField({
  kind,
  value,
  onChange,
  today,
}: {
  kind: ExportKind;
  value: Period;
  onChange: (p: Period) => void;
  today: string;
}) {
  const mode = exportPeriods[kind];
  if (mode === 'halfYear')
    return (
      <OptionField
        label="半年度"
        placeholder="请选择半年度"
        options={halfYears(today)}
        value={`${value.from}|${value.to}`}
        onChange={(id) => {
          const [from = '', to = ''] = id.split('|');
          onChange({ from, to });
        }}
        testid={`period-${kind}`}
      />
    );
  if (mode === 'months')
    return (
      <View className="period-pair">
        <PickerField
          label="起始月份"
          mode="date"
          fields="month"
          start={FIRST_DAY}
          end={today}
          value={value.from.slice(0, 7)}
          onChange={(v) => onChange({ ...value, from: `${v.slice(0, 7)}-01` })}
          testid={`from-${kind}`}
        />
        <PickerField
          label="结束月份"
          mode="date"
          fields="month"
          start={FIRST_DAY}
          end={today}
          value={value.to.slice(0, 7)}
          onChange={(v) => onChange({ ...value, to: monthEnd(v.slice(0, 7)) })}
          testid={`to-${kind}`}
        />
      </View>
    );
  return (
    <View className="period-pair">
      <PickerField
        label="开始日期"
        mode="date"
        start={FIRST_DAY}
        end={today}
        value={value.from}
        onChange={(from) => onChange({ ...value, from })}
        testid={`from-${kind}`}
      />
      <PickerField
        label="结束日期"
        mode="date"
        start={FIRST_DAY}
        value={value.to}
        onChange={(to) => onChange({ ...value, to })}
        testid={`to-${kind}`}
      />
    </View>
  );
}

/** The period an export starts with: this half-year (months: this year's months to this one). */
function firstPeriod(kind: ExportKind, today: string): Period {
  const year = today.slice(0, 4);
  const second = today.slice(5, 7) >= '07';
  if (exportPeriods[kind] === 'months')
    return { from: `${year}-${second ? '07' : '01'}-01`, to: monthEnd(today.slice(0, 7)) };
  return { from: `${year}-${second ? '07-01' : '01-01'}`, to: `${year}-${second ? '12-31' : '06-30'}` };
}

type Outcome = { ok: true; fileName: string; rows: number } | { ok: false; message: string };

function ExportCard({
  shown,
  communityId,
  today,
}: {
  shown: (typeof exportsShown)[number];
  communityId: string;
  today: string;
}) {
  const [period, setPeriod] = useState(() => firstPeriod(shown.kind, today));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const run = async () => {
    setBusy(true);
    setOutcome(null);
    try {
      const scope = communityId && shown.kind !== 'whistles' ? { communityId } : {};
      const file = await call('org', shown.action, { ...period, ...scope });
      await openSheet(file.url, file.fileName);
      setOutcome({ ok: true, fileName: file.fileName, rows: file.rows });
    } catch (e) {
      const error = e as Partial<CallError> & Error;
      const field = error.fields ? Object.values(error.fields)[0] : undefined;
      setOutcome({ ok: false, message: field || error.message || '导出失败，请稍后再试' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="card export-card" data-testid={`export-${shown.kind}`}>
      <View className="card-title">{shown.title}</View>
      <View className="hint">{shown.hint}</View>
      <PeriodField kind={shown.kind} value={period} onChange={setPeriod} today={today} />
      <View className="actions">
        <Button type="primary" loading={busy} disabled={busy} onClick={() => void run()}>
          {busy ? '正在导出' : '导出'}
        </Button>
      </View>
      {outcome?.ok ? (
        <View className="export-done" role="status" data-testid="export-done">
          已导出{outcome.rows}行：{outcome.fileName}
          {process.env.TARO_ENV === 'weapp' ? '（可在打开的文件右上角转发或保存）' : ''}
        </View>
      ) : null}
      {outcome && !outcome.ok ? (
        <View className="field-error export-error" role="alert" data-testid="export-error">
          {outcome.message}
        </View>
      ) : null}
    </View>
  );
}

/**
 * 数据导出 (issue 16): the xlsx exports the caller's roles may take, each with its period, downloaded and
 * opened (weapp: downloadFile + openDocument; H5: a download). The district chooses its whole district or
 * one community.
 */
export default function Exports() {
  useDevLoginGuard('pages/dashboard/exports/index');
  const today = beijing(new Date().toISOString(), 'YYYY-MM-DD');
  const me = useLoad(() => call('org', 'me', {}), []);
  const held = new Set<Role>(me.data?.grants.map((g) => g.role) ?? []);
  const district = held.has('districtAdmin');
  // The district's own communities (retired ones too: their records are still exported).
  const places = useLoad(() => (district ? call('org', 'tree', {}) : Promise.resolve(null)), [district]);
  const [communityId, setCommunityId] = useState('');
  const shown = exportsShown.filter((e) => exportRoles[e.kind].some((r) => held.has(r)));
  return (
    <Page title="数据导出">
      {me.state === 'loading' ? <Loading /> : null}
      {me.state === 'error' ? <ErrorView error={me.error} onRetry={me.reload} /> : null}
      {me.state === 'ready' && shown.length === 0 ? (
        <Empty title="您没有可导出的数据" hint="数据导出供区委组织部、社区工作站、报到单位和职能部门使用" />
      ) : null}
      {me.state === 'ready' && shown.length > 0 ? (
        <View>
          <View className="hint export-intro">
            导出的是Excel表格（xlsx），标题行写明统计期间和导出时间；手机号按您的查看权限显示（区委组织部和报到单位看到的是部分隐去的号码）。
          </View>
          {district ? (
            <View className="form">
              <OptionField
                label="范围"
                placeholder="全区"
                options={[
                  { id: '', name: '全区' },
                  ...(places.data?.communities ?? []).map((c) => ({ id: c.id, name: c.name })),
                ]}
                value={communityId}
                onChange={setCommunityId}
                testid="export-scope"
              />
            </View>
          ) : null}
          {shown.map((e) => (
            <ExportCard key={e.kind} shown={e} communityId={communityId} today={today} />
          ))}
        </View>
      ) : null}
    </Page>
  );
}
