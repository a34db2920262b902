import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { beijing } from '@shared/core/time';
import { call, type CallError } from '../../../api/call';
import { useRequestId } from '../../../api/request-id';
import { PickerField, TextField, useFieldErrors } from '../../../components/form';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';
import { limits } from '../../../components/limits';

/** The station or a grid secretary sets up a post (岗位) with its duty, places and period. */
export default function PostEdit() {
  const requestId = useRequestId();
  useDevLoginGuard('pages/checkin/post-edit/index');
  const today = beijing(new Date().toISOString(), 'YYYY-MM-DD');
  const [name, setName] = useState('');
  const [duty, setDuty] = useState('');
  const [capacity, setCapacity] = useState('5');
  const [startDate, setStartDate] = useState(today);
  const [endDate, setEndDate] = useState(beijing(new Date(Date.now() + 90 * 86400_000).toISOString(), 'YYYY-MM-DD'));
  const { errors, setErrors, edit } = useFieldErrors();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await call('checkin', 'createPost', { requestId, name, duty, capacity: Number(capacity), startDate, endDate });
      void Taro.showToast({ title: '岗位已发布', icon: 'none' });
      void Taro.navigateBack();
    } catch (e) {
      setErrors((e as CallError).fields);
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title="设置岗位">
      <View className="form">
        <TextField
          label="岗位名称"
          name="name"
          limit={limits.postName}
          placeholder="如：楼道文明劝导员"
          value={name}
          onInput={edit('name', setName)}
          error={errors.name}
        />
        <TextField
          label="岗位职责"
          name="duty"
          limit={limits.postDuty}
          placeholder="需要做什么、多久一次"
          value={duty}
          onInput={edit('duty', setDuty)}
          error={errors.duty}
          multiline
        />
        <TextField
          label="名额"
          name="capacity"
          type="number"
          value={capacity}
          onInput={edit('capacity', setCapacity)}
          error={errors.capacity}
          maxlength={3}
        />
        <PickerField
          label="开始日期"
          mode="date"
          value={startDate}
          onChange={edit('startDate', setStartDate)}
          error={errors.startDate}
          testid="start-date"
        />
        <PickerField
          label="结束日期"
          mode="date"
          value={endDate}
          onChange={edit('endDate', setEndDate)}
          error={errors.endDate}
          testid="end-date"
        />
      </View>
      <View className="submit">
        <Button type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          发布岗位
        </Button>
      </View>
    </Page>
  );
}
