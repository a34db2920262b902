import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { beijing } from '@shared/core/time';
import { call, type CallError } from '../../../api/call';
import { PickerField, TextField } from '../../../components/form';
import { OptionField } from '../../../components/option-field';
import { useLoad } from '../../../hooks/use-call';
import { backOr } from '../../../hooks/go-back';
import { useDevLoginGuard, useMe } from '../../../hooks/use-me';

const hourOptions = Array.from({ length: 16 }, (_, i) => ({ id: String((i + 1) / 2), name: `${(i + 1) / 2} 小时` }));

/** A member logs a service they did in a unit; the unit leader confirms it and the points follow. */
export default function LogService() {
  useDevLoginGuard('pages/points/log/index');
  const me = useMe();
  const communityId = me.data?.communityId ?? '';
  const [gridId, setGridId] = useState('');
  const places = useLoad(() => (communityId ? call('org', 'places', { communityId, ...(gridId ? { gridId } : {}) }) : Promise.resolve({ communities: [], grids: [], units: [], departments: [] })), [communityId, gridId]);
  const [unitId, setUnitId] = useState('');
  const [description, setDescription] = useState('');
  const [date, setDate] = useState(beijing(new Date().toISOString(), 'YYYY-MM-DD'));
  const [hours, setHours] = useState('1');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await call('points', 'logService', { description, unitId, date, hours: Number(hours) });
      void Taro.showToast({ title: '已提交，等待单元长确认', icon: 'none' });
      backOr('/pages/points/mine/index');
    } catch (e) {
      setErrors({ ...(e as CallError).fields, ...(unitId ? {} : { unitId: '请选择服务的单元' }) });
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
      setBusy(false);
    }
  };
  return (
    <View className="page">
      <View className="form">
        <TextField label="服务内容" name="description" placeholder="如：清理楼道杂物" value={description} onInput={setDescription} error={errors.description} maxlength={100} />
        <OptionField label="服务网格" placeholder="请选择" options={places.data?.grids ?? []} value={gridId} onChange={(id) => (setGridId(id), setUnitId(''))} testid="pick-grid" />
        <OptionField label="服务单元" placeholder={gridId ? '请选择' : '请先选择网格'} options={places.data?.units ?? []} value={unitId} onChange={setUnitId} error={errors.unitId} testid="pick-unit" />
        <PickerField label="服务日期" mode="date" value={date} onChange={setDate} error={errors.date} testid="date" />
        <OptionField label="服务时长" placeholder="请选择" options={hourOptions} value={hours} onChange={setHours} error={errors.hours} testid="pick-hours" />
      </View>
      <View className="submit">
        <Button type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          提交
        </Button>
      </View>
    </View>
  );
}
