import { Switch, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { beijing, beijingInstant } from '@shared/core/time';
import { call, type CallError } from '../../../api/call';
import { useRequestId } from '../../../api/request-id';
import { PickerField, TextField, useFieldErrors } from '../../../components/form';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';
import { limits } from '../../../components/limits';

/** Beijing date and time (the pickers) to an instant. */
const instant = (date: string, time: string) => beijingInstant(date, time).toISOString();

/** The station or a grid secretary publishes an activity; optionally check-in must happen near its place. */
export default function ActivityEdit() {
  const requestId = useRequestId();
  useDevLoginGuard('pages/checkin/activity-edit/index');
  const [title, setTitle] = useState('');
  const [place, setPlace] = useState('');
  const [date, setDate] = useState(beijing(new Date().toISOString(), 'YYYY-MM-DD'));
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('11:00');
  const [capacity, setCapacity] = useState('50');
  const [useRadius, setUseRadius] = useState(false);
  const [radius, setRadius] = useState('300');
  const [spot, setSpot] = useState<{ lat: number; lng: number } | null>(null);
  const { errors, setErrors, edit } = useFieldErrors();
  const [busy, setBusy] = useState(false);

  const locate = async () => {
    try {
      const here = await Taro.getLocation({ type: 'gcj02' });
      setSpot({ lat: here.latitude, lng: here.longitude });
    } catch {
      void Taro.showToast({ title: '无法获取位置，请允许定位', icon: 'none' });
    }
  };

  const submit = async () => {
    setBusy(true);
    try {
      const geo = useRadius ? { radiusM: Number(radius), ...(spot ?? {}) } : {};
      const res = await call('checkin', 'createActivity', {
        requestId,
        title,
        place,
        startAt: instant(date, start),
        endAt: instant(date, end),
        capacity: Number(capacity),
        ...geo,
      });
      void Taro.redirectTo({ url: `/pages/checkin/activity/index?id=${res.activity.id}` });
    } catch (e) {
      setErrors((e as CallError).fields);
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
      setBusy(false);
    }
  };

  return (
    <Page title="发布活动">
      <View className="form">
        <TextField
          label="活动名称"
          name="title"
          limit={limits.activityTitle}
          placeholder="如：主题党日·楼道清洁"
          value={title}
          onInput={edit('title', setTitle)}
          error={errors.title}
        />
        <TextField
          label="活动地点"
          name="place"
          limit={limits.activityPlace}
          placeholder="如：社区党群服务中心"
          value={place}
          onInput={edit('place', setPlace)}
          error={errors.place}
        />
        <PickerField
          label="日期"
          mode="date"
          value={date}
          onChange={edit('startAt', setDate)}
          error={errors.startAt}
          testid="date"
        />
        <View className="grid2">
          <PickerField label="开始时间" mode="time" value={start} onChange={setStart} testid="start" />
          <PickerField
            label="结束时间"
            mode="time"
            value={end}
            onChange={edit('endAt', setEnd)}
            error={errors.endAt}
            testid="end"
          />
        </View>
        <TextField
          label="人数上限"
          name="capacity"
          type="number"
          value={capacity}
          onInput={edit('capacity', setCapacity)}
          error={errors.capacity}
          maxlength={4}
        />
        <View className="field row">
          <View className="field-label">需在活动地点附近签到</View>
          <Switch
            checked={useRadius}
            color="#c8161d"
            nativeProps={{ 'aria-label': '需在活动地点附近签到' }}
            onChange={(e) => setUseRadius(e.detail.value)}
          />
        </View>
        {useRadius ? (
          <View>
            <TextField
              label="签到范围（米）"
              name="radius"
              type="number"
              value={radius}
              onInput={edit('radiusM', setRadius)}
              error={errors.radiusM}
              maxlength={4}
            />
            <View className="field">
              <View className="field-label">活动地点坐标</View>
              <View className="hint">
                {spot ? `已定位：${spot.lat.toFixed(5)}, ${spot.lng.toFixed(5)}` : '请在活动地点点击下方按钮定位'}
              </View>
              <Button size="small" onClick={() => void locate()}>
                使用当前位置
              </Button>
            </View>
          </View>
        ) : null}
      </View>
      <View className="submit">
        <Button type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          发布活动
        </Button>
      </View>
    </Page>
  );
}
