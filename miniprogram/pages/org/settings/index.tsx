import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useEffect, useState } from 'react';
import type { SettingsView } from '@shared/org/org.contract';
import { settingKeys, settingLabels, settingSourceLabels, type SettingKey } from '@shared/org/settings';
import { call, type CallError } from '../../../api/call';
import { TextField, useFieldErrors } from '../../../components/form';
import { OptionField } from '../../../components/option-field';
import { Page } from '../../../components/page';
import { ErrorView, Loading } from '../../../components/states';
import { useLoad } from '../../../hooks/use-call';
import { useDevLoginGuard, useMe } from '../../../hooks/use-me';
import './index.css';

type NumberKey = Exclude<SettingKey, 'deadlineRule'>;
const numberKeys = settingKeys.filter((k): k is NumberKey => k !== 'deadlineRule');
const ruleKinds = [
  { id: 'hours', name: '按小时计算' },
  { id: 'workdays', name: '按工作日计算（遇节假日顺延）' },
];

/** The form of one scope's settings: each value in force, where it comes from, and 恢复默认 for one set here. */
function SettingsForm({ view, onSaved }: { view: SettingsView; onSaved: (v: SettingsView) => void }) {
  const rule = view.values.deadlineRule;
  const [kind, setKind] = useState<string>(rule.kind);
  const [ruleAmount, setRuleAmount] = useState(String(rule.kind === 'hours' ? rule.hours : rule.days));
  const [numbers, setNumbers] = useState<Record<NumberKey, string>>(
    () => Object.fromEntries(numberKeys.map((k) => [k, String(view.values[k])])) as Record<NumberKey, string>,
  );
  const { errors, setErrors, edit } = useFieldErrors();
  const [busy, setBusy] = useState(false);
  const own = view.scope; // 'community' or 'district': what this scope set itself shows 恢复默认
  const setHere = (k: SettingKey) => view.sources[k] === own;

  const save = async (values: Record<string, unknown>) => {
    setBusy(true);
    try {
      const next = await call('org', 'saveSettings', {
        ...(view.scope === 'community' ? { communityId: view.scopeId } : {}),
        values: values as never,
      });
      void Taro.showToast({ title: '已保存', icon: 'none' });
      onSaved(next);
    } catch (e) {
      const fields = (e as CallError).fields ?? {};
      // The contract names fields under values.*: the form's fields are the last part.
      setErrors(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.split('.').pop() as string, v])));
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  const submit = () => {
    const values: Record<string, unknown> = {};
    const amount = Number(ruleAmount);
    const current = view.values.deadlineRule;
    const changedRule = kind !== current.kind || amount !== (current.kind === 'hours' ? current.hours : current.days);
    if (changedRule) values.deadlineRule = kind === 'hours' ? { kind, hours: amount } : { kind, days: amount };
    for (const k of numberKeys) if (Number(numbers[k]) !== view.values[k]) values[k] = Number(numbers[k]);
    if (!Object.keys(values).length) return void Taro.showToast({ title: '没有改动', icon: 'none' });
    void save(values);
  };
  const source = (k: SettingKey) => (
    <View className="setting-source">
      {settingSourceLabels[view.sources[k] ?? 'default']}
      {setHere(k) ? (
        <View className="link" role="button" onClick={() => void save({ [k]: null })}>
          恢复默认
        </View>
      ) : null}
    </View>
  );
  return (
    <View data-testid="settings-form">
      <View className="setting">
        <OptionField
          label={settingLabels.deadlineRule.label}
          placeholder="请选择"
          options={ruleKinds}
          value={kind}
          onChange={edit('deadlineRule', setKind)}
          testid="pick-rule"
        />
        <TextField
          label={kind === 'hours' ? '反馈期限（小时）' : '反馈期限（工作日）'}
          name="ruleAmount"
          type="number"
          value={ruleAmount}
          onInput={edit('deadlineRule', setRuleAmount)}
          error={errors.deadlineRule ?? errors.hours ?? errors.days}
        />
        {source('deadlineRule')}
      </View>
      {numberKeys.map((k) => (
        <View key={k} className="setting">
          <TextField
            label={settingLabels[k].label}
            name={k}
            type={k === 'maxHoursPerRecord' ? 'digit' : 'number'}
            value={numbers[k]}
            onInput={edit(k, (v: string) => setNumbers((old) => ({ ...old, [k]: v })))}
            error={errors[k]}
          />
          <View className="hint setting-hint">{settingLabels[k].hint}</View>
          {source(k)}
        </View>
      ))}
      <View className="submit">
        <Button type="primary" block loading={busy} disabled={busy} onClick={submit}>
          保存设置
        </Button>
      </View>
    </View>
  );
}

/**
 * 设置: a community's rules (the station's own; the district's defaults or any community of the district).
 * Each value says whether it is the community's, the district's default or the product's.
 */
export default function Settings() {
  useDevLoginGuard('pages/org/settings/index');
  const me = useMe();
  const district = me.state === 'ready' && me.data.grants.some((g) => g.role === 'districtAdmin');
  const [target, setTarget] = useState('');
  const places = useLoad(() => (district ? call('org', 'places', {}) : Promise.resolve(null)), [district]);
  const view = useLoad(() => call('org', 'settings', target ? { communityId: target } : {}), [target]);
  const [shown, setShown] = useState<SettingsView | null>(null);
  useEffect(() => setShown(view.state === 'ready' ? view.data : null), [view.state, view.data]);
  const options = [
    { id: '', name: '全区默认（未单独设置的社区）' },
    ...(places.state === 'ready' && places.data ? places.data.communities : []),
  ];
  return (
    <Page title="社区设置">
      {district ? (
        <View className="form">
          <OptionField
            label="设置对象"
            placeholder="全区默认"
            options={options}
            value={target}
            onChange={setTarget}
            testid="pick-target"
          />
        </View>
      ) : null}
      {view.state === 'loading' ? <Loading /> : null}
      {view.state === 'error' ? <ErrorView error={view.error} onRetry={view.reload} /> : null}
      {shown ? (
        <View className="form">
          <View className="section-title">{shown.scopeName}</View>
          <SettingsForm key={`${shown.scopeId}-${JSON.stringify(shown.values)}`} view={shown} onSaved={setShown} />
        </View>
      ) : null}
    </Page>
  );
}
