import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useEffect, useState } from 'react';
import type { AttendanceView } from '@shared/checkin/activity.contract';
import { activityPhaseLabels } from '@shared/checkin/activity.rules';
import { beijing, beijingInstant } from '@shared/core/time';
import { call, type Output } from '../../../api/call';
import { askToBeTold } from '../../../api/subscribe';
import { CopyLink, PathQr } from '../../../components/qr';
import { Empty, ErrorView, Loading } from '../../../components/states';
import { useLoad } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';
import { TextField } from '../../../components/form';
import { limits } from '../../../components/limits';

type Detail = Output<'checkin', 'activityDetail'>;

function Header({ a }: { a: Detail['activity'] }) {
  return (
    <View className="card">
      <View className="row">
        <View className="card-title">{a.title}</View>
        <View
          className={`tag ${a.phase === 'ongoing' ? 'tag-approved' : a.phase === 'upcoming' ? 'tag-pending' : 'tag-other'}`}
          data-testid="phase"
        >
          {activityPhaseLabels[a.phase]}
        </View>
      </View>
      <View className="list-line">
        时间：{beijing(a.startAt, 'YYYY-MM-DD HH:mm')} - {beijing(a.endAt, 'HH:mm')}
      </View>
      <View className="list-line">地点：{a.place}</View>
      <View className="list-line">
        报名：{a.signed}/{a.capacity} · 组织：{a.organiserName}
        {a.radiusM ? ` · 需在${a.radiusM}米内签到` : ''}
      </View>
    </View>
  );
}

/** The code the organiser shows: a rotating one refreshes every 50 seconds; a fixed one is for printing. */
function ActivityCode({ activityId }: { activityId: string }) {
  const [mode, setMode] = useState<'rotating' | 'fixed'>('rotating');
  const code = useLoad(() => call('checkin', 'activityCode', { activityId, mode }), [mode]);
  useEffect(() => {
    if (mode !== 'rotating') return;
    const timer = setInterval(() => void code.reload(), 50_000);
    return () => clearInterval(timer);
  }, [mode]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <View className="card" style={{ textAlign: 'center' }}>
      <View className="card-title">签到码</View>
      <View className="code-mode">
        <Button size="small" type={mode === 'rotating' ? 'primary' : 'default'} onClick={() => setMode('rotating')}>
          现场轮换码
        </Button>
        <Button size="small" type={mode === 'fixed' ? 'primary' : 'default'} onClick={() => setMode('fixed')}>
          打印固定码
        </Button>
      </View>
      {code.state === 'loading' ? <Loading /> : null}
      {code.state === 'error' ? <ErrorView error={code.error} onRetry={code.reload} /> : null}
      {code.state === 'ready' ? (
        <View>
          <PathQr path={code.data.path} image={code.data.image} testid="activity-qr" />
          <CopyLink path={code.data.path} testid="activity-link" />
          <View className="hint">
            {mode === 'rotating' ? '每分钟自动更换，转发的截图很快失效' : '活动时间内有效，可打印张贴'}
          </View>
        </View>
      ) : null}
    </View>
  );
}

function CorrectRow({ row, onDone }: { row: AttendanceView; onDone: (a: AttendanceView) => void }) {
  const [open, setOpen] = useState(false);
  const [time, setTime] = useState(beijing(new Date().toISOString(), 'HH:mm'));
  const [note, setNote] = useState('');
  const save = async () => {
    try {
      const day = beijing(row.checkInAt, 'YYYY-MM-DD');
      const res = await call('checkin', 'correctCheckOut', {
        attendanceId: row.id,
        checkOutAt: beijingInstant(day, time).toISOString(),
        note,
      });
      onDone(res.attendance);
      setOpen(false);
    } catch (e) {
      void Taro.showToast({
        title: Object.values((e as { fields?: Record<string, string> }).fields ?? {})[0] ?? (e as Error).message,
        icon: 'none',
      });
    }
  };
  if (!open)
    return (
      <View className="actions">
        <Button onClick={() => setOpen(true)}>补签退</Button>
      </View>
    );
  return (
    <View className="inline-form">
      <TextField
        label="签退时间（时:分）"
        name="time"
        placeholder="HH:mm"
        value={time}
        onInput={setTime}
        maxlength={5}
      />
      <TextField
        label="补签原因（必填）"
        name="note"
        placeholder="如：忘记扫码签退"
        value={note}
        onInput={setNote}
        limit={limits.correctionNote}
      />
      <View className="actions">
        <Button onClick={() => setOpen(false)}>取消</Button>
        <Button type="primary" onClick={() => void save()}>
          保存
        </Button>
      </View>
    </View>
  );
}

function AttendanceList({ activityId }: { activityId: string }) {
  const list = useLoad(() => call('checkin', 'activityAttendance', { activityId, limit: 100 }), []);
  const [rows, setRows] = useState<AttendanceView[] | null>(null);
  // Pulling down the page refreshes the list too: people keep checking in while the organiser watches.
  usePullDownRefresh(() => void list.reload().then(() => setRows(null)));
  const items = rows ?? list.data?.items ?? [];
  if (list.state === 'loading')
    return (
      <Page title="活动详情">
        <Loading />
      </Page>
    );
  if (list.state === 'error')
    return (
      <Page title="活动详情">
        <ErrorView error={list.error} onRetry={list.reload} />
      </Page>
    );
  return (
    <View>
      <View className="section-title">签到名单（{items.length}人）</View>
      {items.length === 0 ? <Empty title="还没有人签到" /> : null}
      {items.map((r) => (
        <View key={r.id} className="list-item" data-testid="attendance" data-name={r.name}>
          <View className="row">
            <View className="card-title">{r.name}</View>
            <View className={`tag ${r.checkOutAt ? 'tag-approved' : 'tag-pending'}`}>
              {r.checkOutAt ? `${r.hours}小时` : '未签退'}
            </View>
          </View>
          <View className="list-line">签到：{beijing(r.checkInAt)}</View>
          {r.checkOutAt ? (
            <View className="list-line">
              签退：{beijing(r.checkOutAt)}
              {r.corrected ? `（补签：${r.correctionNote}）` : ''}
            </View>
          ) : null}
          {!r.checkOutAt ? (
            <CorrectRow row={r} onDone={(a) => setRows(items.map((x) => (x.id === a.id ? a : x)))} />
          ) : null}
        </View>
      ))}
    </View>
  );
}

function MemberPart({ detail, onChange }: { detail: Detail; onChange: () => void }) {
  const { activity, mine } = detail;
  const signUp = async () => {
    // Right after the tap: the reminder before it starts (and word if it is cancelled).
    askToBeTold('activity', 'registered');
    try {
      await call('checkin', 'signUp', { activityId: activity.id });
      void Taro.showToast({ title: '报名成功', icon: 'none' });
      onChange();
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
    }
  };
  return (
    <View className="card">
      {mine ? (
        <View>
          <View className="card-title">我的签到</View>
          <View className="list-line">签到：{beijing(mine.checkInAt)}</View>
          <View className="list-line">
            {mine.checkOutAt
              ? `签退：${beijing(mine.checkOutAt)} · 服务${mine.hours}小时`
              : '尚未签退：离开时请再次扫码签退'}
          </View>
        </View>
      ) : (
        <View>
          <View className="hint">到达现场后扫描组织者出示的签到码签到，离开时再扫码签退。</View>
          {activity.status === 'open' ? (
            <View className="actions">
              <Button type="primary" disabled={activity.mySignUp} onClick={() => void signUp()}>
                {activity.mySignUp ? '已报名 ✓' : '我要报名'}
              </Button>
            </View>
          ) : null}
        </View>
      )}
    </View>
  );
}

export default function ActivityPage() {
  const id = useRouter().params.id ?? '';
  useDevLoginGuard(`pages/checkin/activity/index?id=${id}`);
  const detail = useLoad(() => call('checkin', 'activityDetail', { activityId: id }), [id]);
  usePullDownRefresh(() => void detail.reload().finally(() => Taro.stopPullDownRefresh()));
  if (detail.state === 'loading')
    return (
      <Page title="活动详情">
        <Loading />
      </Page>
    );
  if (detail.state === 'error')
    return (
      <Page title="活动详情">
        <ErrorView error={detail.error} onRetry={detail.reload} />
      </Page>
    );
  const { activity, canManage } = detail.data;
  const close = async () => {
    const confirm = await Taro.showModal({ title: '结束活动', content: '结束后不能再签到，确定吗？' });
    if (!confirm.confirm) return;
    await call('checkin', 'closeActivity', { activityId: activity.id }).then(detail.reload, (e: Error) =>
      Taro.showToast({ title: e.message, icon: 'none' }),
    );
  };
  return (
    <Page title="活动详情">
      <Header a={activity} />
      {canManage && activity.status === 'open' ? <ActivityCode activityId={activity.id} /> : null}
      {!canManage ? <MemberPart detail={detail.data} onChange={detail.reload} /> : null}
      {canManage ? <AttendanceList activityId={activity.id} /> : null}
      {canManage && activity.status === 'open' ? (
        <View className="submit">
          <Button block onClick={() => void close()}>
            结束活动
          </Button>
        </View>
      ) : null}
    </Page>
  );
}
