import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { beijing } from '@shared/core/time';
import { call, type Output } from '../../../api/call';
import { Empty, ErrorView, Loading, Result } from '../../../components/states';
import { useLoad } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';

type Attendance = Output<'checkin', 'checkIn'>['attendance'];

/** The phone's position, asked only when the activity requires check-in near its place. */
async function position(required: boolean): Promise<{ lat?: number; lng?: number }> {
  if (!required) return {};
  try {
    const here = await Taro.getLocation({ type: 'gcj02' });
    return { lat: here.latitude, lng: here.longitude };
  } catch {
    return {};
  }
}

/** 签退 asks first; a check-out too soon after the check-in says it will not count as a service. */
async function confirmCheckOut(checkInAt: string, minMinutes: number, serverNow: number): Promise<boolean> {
  const minutes = Math.max(0, Math.floor((serverNow - Date.parse(checkInAt)) / 60_000));
  const content =
    minutes < minMinutes
      ? `签到后仅${minutes}分钟，不足${minMinutes}分钟不计入服务时长。确定现在签退吗？`
      : '签退后将按签到、签退时间记录本次服务时长。确定签退吗？';
  const res = await Taro.showModal({ title: '确认签退', content, confirmText: '签退', cancelText: '再等等' });
  return res.confirm;
}

/** Opened by scanning an activity code: check in on arrival, check out when leaving (scan again). */
export default function Scan() {
  const token = decodeURIComponent(useRouter().params.scene ?? '');
  useDevLoginGuard(`pages/checkin/scan/index?scene=${encodeURIComponent(token)}`);
  const info = useLoad(() => call('checkin', 'activityByCode', { token }), [token]);
  const [mine, setMine] = useState<Attendance | null>(null);
  const [busy, setBusy] = useState(false);
  const [loadedAt] = useState(Date.now);
  if (!token)
    return (
      <Page title="活动签到">
        <Empty title="请扫描活动签到码" />
      </Page>
    );
  if (info.state === 'loading')
    return (
      <Page title="活动签到">
        <Loading />
      </Page>
    );
  if (info.state === 'error')
    return (
      <Page title="活动签到">
        <ErrorView error={info.error} />
      </Page>
    );
  const { activity, isMember } = info.data;
  const current = mine ?? info.data.mine;
  const act = async (action: 'checkIn' | 'checkOut') => {
    // Measured by the server's clock (as of loading, plus the time since): a phone's own clock may be off.
    const serverNow = Date.parse(info.data.now) + (Date.now() - loadedAt);
    if (
      action === 'checkOut' &&
      current &&
      !(await confirmCheckOut(current.checkInAt, activity.minAttendanceMinutes, serverNow))
    )
      return;
    setBusy(true);
    try {
      const res = await call('checkin', action, { token, ...(await position(activity.radiusM !== null)) });
      setMine(res.attendance);
      void Taro.showToast({ title: action === 'checkIn' ? '签到成功' : '签退成功', icon: 'none' });
    } catch (e) {
      void Taro.showModal({ title: '未能完成', content: (e as Error).message, showCancel: false });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title="活动签到">
      <View className="banner">
        <View className="banner-title">{activity.title}</View>
        <View className="banner-sub">
          {beijing(activity.startAt, 'MM月DD日 HH:mm')} - {beijing(activity.endAt, 'HH:mm')} · {activity.place}
        </View>
      </View>
      {!isMember ? (
        <Result ok={false} title="请先在本社区报到" next="扫描社区报到码报到，审核通过后才能参加本社区的活动签到。" />
      ) : null}
      {isMember && !current ? (
        <View className="submit">
          <Button type="primary" block loading={busy} disabled={busy} onClick={() => void act('checkIn')}>
            签到
          </Button>
        </View>
      ) : null}
      {current ? (
        <View className="card" data-testid="my-attendance">
          <View className="card-title">{current.checkOutAt ? '已签退' : '已签到'}</View>
          <View className="list-line">签到时间：{beijing(current.checkInAt)}</View>
          {current.checkOutAt ? <View className="list-line">签退时间：{beijing(current.checkOutAt)}</View> : null}
          {current.hours !== null ? (
            <View className="stat-value" data-testid="hours">
              服务时长 {current.hours} 小时
            </View>
          ) : null}
          {!current.checkOutAt ? (
            <View className="actions">
              <Button type="primary" loading={busy} disabled={busy} onClick={() => void act('checkOut')}>
                签退
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}
      {mine ? (
        <Result
          ok
          title={mine.checkOutAt ? '签退成功' : '签到成功'}
          next={
            mine.checkOutAt
              ? '本次服务时长已记录，可在“我的服务”中查看。'
              : '离开时请再次扫描组织者出示的签到码签退，服务时长按签到、签退时间计算。'
          }
        />
      ) : null}
    </Page>
  );
}
