import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { pointsDefaults } from '@shared/points/points.rules';
import { beijing } from '@shared/core/time';
import { call, type CallError } from '../../../api/call';
import { askToBeTold } from '../../../api/subscribe';
import { useRequestId } from '../../../api/request-id';
import { PickerField, TextField, useFieldErrors } from '../../../components/form';
import { OptionField } from '../../../components/option-field';
import { UnitPicker } from '../../../components/unit-picker';
import { backOr } from '../../../hooks/go-back';
import { useDevLoginGuard, useMe } from '../../../hooks/use-me';
import { Page } from '../../../components/page';
import { limits } from '../../../components/limits';

const hourOptions = Array.from({ length: 16 }, (_, i) => ({ id: String((i + 1) / 2), name: `${(i + 1) / 2} 小时` }));

/** A member logs a service they did in a unit; the unit leader confirms it and the points follow. */
export default function LogService() {
  const requestId = useRequestId();
  useDevLoginGuard('pages/points/log/index');
  const me = useMe();
  const communityId = me.data?.communityId ?? '';
  const [unitId, setUnitId] = useState('');
  const [description, setDescription] = useState('');
  const [date, setDate] = useState(beijing(new Date().toISOString(), 'YYYY-MM-DD'));
  const [hours, setHours] = useState('1');
  const { errors, setErrors, edit } = useFieldErrors();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    // Right after the tap: the unit leader's confirmation.
    askToBeTold('service', 'owner');
    try {
      await call('points', 'logService', { requestId, description, unitId, date, hours: Number(hours) });
      void Taro.showToast({ title: '已提交，等待单元长确认', icon: 'none' });
      backOr('/pages/points/mine/index');
    } catch (e) {
      setErrors({ ...(e as CallError).fields, ...(unitId ? {} : { unitId: '请选择服务的单元' }) });
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
      setBusy(false);
    }
  };
  return (
    <Page title="登记服务时长">
      <View className="form">
        <TextField
          label="服务内容"
          name="description"
          limit={limits.serviceDescription}
          placeholder="如：清理楼道杂物"
          value={description}
          onInput={edit('description', setDescription)}
          error={errors.description}
        />
        {communityId ? (
          <UnitPicker
            communityId={communityId}
            value={unitId}
            onChange={edit('unitId', setUnitId)}
            error={errors.unitId}
            unitLabel="服务单元"
          />
        ) : null}
        <PickerField
          label="服务日期"
          mode="date"
          start={beijing(new Date(Date.now() - pointsDefaults.serviceLogDays * 86400_000).toISOString(), 'YYYY-MM-DD')}
          end={beijing(new Date().toISOString(), 'YYYY-MM-DD')}
          value={date}
          onChange={edit('date', setDate)}
          error={errors.date}
          testid="date"
        />
        <OptionField
          label="服务时长"
          placeholder="请选择"
          options={hourOptions}
          value={hours}
          onChange={edit('hours', setHours)}
          error={errors.hours}
          testid="pick-hours"
        />
      </View>
      <View className="submit">
        <Button type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          提交
        </Button>
      </View>
    </Page>
  );
}
