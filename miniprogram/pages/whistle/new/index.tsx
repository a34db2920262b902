import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { problemCategories, type ProblemCategory } from '@shared/whistle/whistle.rules';
import { call, type CallError } from '../../../api/call';
import { askToBeTold } from '../../../api/subscribe';
import { useRequestId } from '../../../api/request-id';
import { TextField, useFieldErrors } from '../../../components/form';
import { OptionField } from '../../../components/option-field';
import { PhotoPicker } from '../../../components/photo-picker';
import { ProblemCard } from '../../../components/problem-card';
import { UnitPicker } from '../../../components/unit-picker';
import { runAction } from '../../../hooks/use-action';
import { backOr } from '../../../hooks/go-back';
import { useLoad } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';
import { limits } from '../../../components/limits';

const categories = problemCategories.map((c) => ({ id: c, name: c }));

/** A resident reports a neighbourhood problem, after seeing whether a neighbour already did. */
export default function NewProblem() {
  const requestId = useRequestId();
  useDevLoginGuard('pages/whistle/new/index');
  const [unitId, setUnitId] = useState('');
  const nearby = useLoad(
    () => (unitId ? call('report', 'nearbyProblems', { unitId }) : Promise.resolve({ items: [] })),
    [unitId],
  );
  const [category, setCategory] = useState('');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [phone, setPhone] = useState('');
  const { errors, setErrors, edit } = useFieldErrors();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    // WeChat lets a page ask right after the person's own tap: what they will hear of the report.
    askToBeTold('problem', 'owner');
    try {
      await call('report', 'submitProblem', {
        requestId,
        category: category as ProblemCategory,
        description,
        unitId,
        photos,
        phone,
      });
      void Taro.showToast({ title: '已提交，社区将尽快处理', icon: 'none' });
      backOr('/pages/whistle/mine/index');
    } catch (e) {
      setErrors({
        ...(e as CallError).fields,
        ...(unitId ? {} : { unitId: '请选择问题所在的单元' }),
        ...(category ? {} : { category: '请选择问题类别' }),
      });
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
      setBusy(false);
    }
  };
  return (
    <Page title="反映问题">
      <View className="form">
        <OptionField
          label="问题类别"
          placeholder="请选择"
          options={categories}
          value={category}
          onChange={edit('category', setCategory)}
          error={errors.category}
          testid="pick-category"
        />
        <UnitPicker
          value={unitId}
          onChange={edit('unitId', setUnitId)}
          error={errors.unitId}
          unitLabel="所在单元（楼栋）"
        />
      </View>
      {nearby.data?.items.length ? (
        <View>
          <View className="section-title">附近正在处理的问题，是同一件事可以点“我也遇到”</View>
          {nearby.data.items.map((p) => (
            <ProblemCard key={p.id} problem={p}>
              <View className="actions">
                <Button
                  onClick={() =>
                    void runAction(() => call('report', 'meToo', { problemId: p.id }), '已记录，社区会一并处理').then(
                      () => nearby.reload(),
                    )
                  }
                >
                  我也遇到
                </Button>
              </View>
            </ProblemCard>
          ))}
        </View>
      ) : null}
      <View className="form">
        <TextField
          label="问题描述"
          name="description"
          limit={limits.problemDescription}
          placeholder="时间、地点、具体情况"
          value={description}
          onInput={edit('description', setDescription)}
          error={errors.description}
          multiline
        />
        {[0, 1, 2]
          .filter((i) => i <= photos.length)
          .map((i) => (
            <PhotoPicker
              key={i}
              value={photos[i] ?? null}
              label={i === 0 ? '照片（最多3张，可选）' : ' '}
              onChange={(id) =>
                setPhotos((old) => (id ? [...old.slice(0, i), id, ...old.slice(i + 1)] : old.filter((_, j) => j !== i)))
              }
            />
          ))}
        <TextField
          label="联系电话"
          name="phone"
          type="number"
          placeholder="社区工作人员联系您时使用"
          value={phone}
          onInput={edit('phone', setPhone)}
          error={errors.phone}
          maxlength={11}
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
