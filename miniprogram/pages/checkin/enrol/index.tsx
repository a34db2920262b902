import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { beijing } from '@shared/core/time';
import { call, CallError, type Output } from '../../../api/call';
import { askToBeTold } from '../../../api/subscribe';
import { TextField, useFieldErrors } from '../../../components/form';
import { OptionField, type Option } from '../../../components/option-field';
import { Empty, ErrorView, Loading } from '../../../components/states';
import { StatusTag } from '../../../components/status-tag';
import { useLoad } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';
import { goHome } from '../../../hooks/go-back';

type Form = Output<'checkin', 'reportForm'>;
type Enrolment = NonNullable<Form['mine']>;

function EnrolmentStatus({ report }: { report: Enrolment }) {
  const text = {
    pending: '已提交，等待社区红领工作站审核。',
    approved: '报到成功！社区已向您所在单位发出报到回执。',
    rejected: `报到未通过：${report.reason ?? ''}。请修改后重新提交。`,
    withdrawn: '该报到已撤回。',
    moved: '您已转到其他社区报到。',
  }[report.status];
  return (
    <View className="card" data-testid="report-status">
      <View className="row">
        <View className="card-title">{report.communityName}</View>
        <StatusTag status={report.status} />
      </View>
      <View className="hint">{text}</View>
      <View className="list-line">
        {report.name} · {report.phone}
      </View>
      <View className="list-line">
        {report.orgName} · {report.gridName}
        {report.unitName}
      </View>
      <View className="list-line">提交时间：{beijing(report.submittedAt)}</View>
      {report.reviewedAt ? <View className="list-line">审核时间：{beijing(report.reviewedAt)}</View> : null}
      <View className="state-actions">
        <Button onClick={goHome}>返回首页</Button>
      </View>
    </View>
  );
}

function EnrolmentForm({ token, form, onDone }: { token: string; form: Form; onDone: (r: Enrolment) => void }) {
  const previous = form.mine;
  const [name, setName] = useState(previous?.name ?? '');
  const [phone, setPhone] = useState(previous?.phone ?? '');
  const [orgId, setOrgId] = useState(previous?.orgId ?? '');
  const [gridId, setGridId] = useState('');
  const [unitId, setUnitId] = useState('');
  const [units, setUnits] = useState<Option[]>([]);
  const { errors, setErrors, edit, clear } = useFieldErrors();
  const [busy, setBusy] = useState(false);

  const chooseGrid = async (id: string) => {
    setGridId(id);
    clear('gridId');
    setUnitId('');
    setUnits([]);
    try {
      setUnits((await call('checkin', 'gridUnits', { token, gridId: id })).units);
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
    }
  };

  const submit = async () => {
    const missing: Record<string, string> = {};
    if (!gridId) missing.gridId = '请选择网格';
    if (!unitId) missing.unitId = '请选择居住单元';
    if (!orgId) missing.orgId = '请选择报到单位';
    setBusy(true);
    // Right after the tap: the review's result.
    askToBeTold('report', 'owner');
    try {
      const res = await call('checkin', 'submitReport', { token, name, phone, orgId, unitId });
      void Taro.showToast({ title: res.changed ? '提交成功' : '已提交过，无需重复提交', icon: 'none' });
      onDone(res.report);
    } catch (e) {
      const err = e as CallError;
      setErrors({ ...(err.fields ?? {}), ...missing });
      void Taro.showToast({ title: err.message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View>
      <View className="form">
        <TextField
          label="姓名"
          name="name"
          placeholder="请输入真实姓名"
          value={name}
          maxlength={20}
          onInput={edit('name', setName)}
          error={errors.name}
        />
        <TextField
          label="手机号"
          name="phone"
          type="number"
          placeholder="用于社区联系您"
          value={phone}
          maxlength={11}
          onInput={edit('phone', setPhone)}
          error={errors.phone}
        />
        <OptionField
          label="报到单位（所在机关党支部）"
          placeholder="请选择"
          options={form.orgs}
          value={orgId}
          onChange={edit('orgId', setOrgId)}
          error={errors.orgId}
          testid="pick-org"
        />
        <OptionField
          label="居住网格"
          placeholder="请选择"
          options={form.grids}
          value={gridId}
          onChange={(id) => void chooseGrid(id)}
          error={errors.gridId}
          testid="pick-grid"
        />
        <OptionField
          label="居住单元"
          placeholder={gridId ? '请选择' : '请先选择网格'}
          options={units}
          value={unitId}
          onChange={edit('unitId', setUnitId)}
          error={errors.unitId}
          testid="pick-unit"
        />
      </View>
      <View className="submit">
        <Button type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          提交报到
        </Button>
      </View>
      <View className="hint" style={{ padding: '0 16px' }}>
        您的手机号仅社区工作站可见，其他人看到的是隐藏中间四位的号码。
      </View>
    </View>
  );
}

/** Opened by scanning a community code: `scene` carries the signed token. */
export default function EnrolPage() {
  const router = useRouter();
  const token = decodeURIComponent(router.params.scene ?? '');
  useDevLoginGuard(`pages/checkin/enrol/index?scene=${encodeURIComponent(token)}`);
  const form = useLoad(() => call('checkin', 'reportForm', { token }), [token]);
  const [done, setDone] = useState<Enrolment | null>(null);

  if (!token)
    return (
      <Page title="党员报到">
        <Empty title="请扫描社区报到码" hint="报到码由社区红领工作站提供" />
      </Page>
    );
  if (form.state === 'loading')
    return (
      <Page title="党员报到">
        <Loading />
      </Page>
    );
  if (form.state === 'error')
    return (
      <ErrorView error={form.error} onRetry={form.error.code === 'CHECKIN.CODE_INVALID' ? undefined : form.reload} />
    );
  const mine = done ?? form.data.mine;
  const showForm = !mine || mine.status === 'rejected' || mine.status === 'withdrawn' || mine.status === 'moved';
  return (
    <Page title="党员报到">
      <View className="banner">
        <View className="banner-title">{form.data.community.name}</View>
        <View className="banner-sub">{form.data.community.districtName} · 在职党员到社区报到</View>
      </View>
      {form.data.currentCommunityName && !done ? (
        <View className="card hint">
          您目前在{form.data.currentCommunityName}报到。在本社区报到并审核通过后，将转入本社区。
        </View>
      ) : null}
      {mine ? <EnrolmentStatus report={mine} /> : null}
      {showForm ? <EnrolmentForm token={token} form={form.data} onDone={setDone} /> : null}
    </Page>
  );
}
