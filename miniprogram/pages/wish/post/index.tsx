import { Switch, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { wishCategories } from '@shared/wish/wish.rules';
import { call, type CallError } from '../../../api/call';
import { askToBeTold } from '../../../api/subscribe';
import { useRequestId } from '../../../api/request-id';
import { TextField, useFieldErrors } from '../../../components/form';
import { OptionField } from '../../../components/option-field';
import { PhotoPicker } from '../../../components/photo-picker';
import { UnitPicker } from '../../../components/unit-picker';
import { backOr } from '../../../hooks/go-back';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';
import { limits } from '../../../components/limits';

const categories = wishCategories.map((c) => ({ id: c, name: c }));

/** A resident posts a small wish; the station reviews it before members see it. */
export default function PostWish() {
  const requestId = useRequestId();
  useDevLoginGuard('pages/wish/post/index');
  const [unitId, setUnitId] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState('');
  const [phone, setPhone] = useState('');
  const [phoneConsent, setPhoneConsent] = useState(false);
  const [photo, setPhoto] = useState<string | null>(null);
  const { errors, setErrors, edit } = useFieldErrors();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    // Right after the tap: the review, the claim, the fulfilment.
    askToBeTold('wish', 'owner');
    try {
      await call('wish', 'postWish', {
        requestId,
        title,
        description,
        category: category as (typeof wishCategories)[number],
        unitId,
        phone,
        phoneConsent,
        ...(photo ? { photo } : {}),
      });
      void Taro.showToast({ title: '已提交，等待社区审核', icon: 'none' });
      backOr('/pages/wish/mine/index');
    } catch (e) {
      setErrors({
        ...(e as CallError).fields,
        ...(unitId ? {} : { unitId: '请选择您居住的单元' }),
        ...(category ? {} : { category: '请选择心愿类别' }),
      });
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
      setBusy(false);
    }
  };

  return (
    <Page title="发布微心愿">
      <View className="form">
        <TextField
          label="心愿标题"
          name="title"
          limit={limits.wishTitle}
          placeholder="如：帮忙修理漏水的水龙头"
          value={title}
          onInput={edit('title', setTitle)}
          error={errors.title}
        />
        <TextField
          label="心愿描述"
          name="description"
          limit={limits.wishDescription}
          placeholder="具体需要什么帮助"
          value={description}
          onInput={edit('description', setDescription)}
          error={errors.description}
          multiline
        />
        <OptionField
          label="心愿类别"
          placeholder="请选择"
          options={categories}
          value={category}
          onChange={edit('category', setCategory)}
          error={errors.category}
          testid="pick-category"
        />
        <UnitPicker value={unitId} onChange={edit('unitId', setUnitId)} error={errors.unitId} unitLabel="居住单元" />
        <PhotoPicker value={photo} onChange={setPhoto} />
        <TextField
          label="联系电话"
          name="phone"
          type="number"
          placeholder="社区工作站可以看到"
          value={phone}
          onInput={edit('phone', setPhone)}
          error={errors.phone}
          maxlength={11}
        />
        <View className="field switch-row">
          <View>
            <View className="field-label">允许认领的党员给我打电话</View>
            <View className="hint" data-testid="consent-hint">
              {phoneConsent
                ? '认领您心愿的党员能看到完整号码，并可直接拨打'
                : '认领的党员只看到隐藏中间四位的号码，由社区转达'}
            </View>
          </View>
          <Switch
            checked={phoneConsent}
            color="#c8161d"
            data-testid="phone-consent"
            nativeProps={{ 'aria-label': '允许认领的党员给我打电话' }}
            onChange={(e) => setPhoneConsent(e.detail.value)}
          />
        </View>
      </View>
      <View className="submit">
        <Button type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          提交心愿
        </Button>
      </View>
    </Page>
  );
}
