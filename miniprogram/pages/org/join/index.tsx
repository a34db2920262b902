import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { roleLabels } from '@shared/core/roles';
import { beijing } from '@shared/core/time';
import { call, CallError, type Output } from '../../../api/call';
import { askToBeTold } from '../../../api/subscribe';
import { TextField, useFieldErrors } from '../../../components/form';
import { Page } from '../../../components/page';
import { Empty, ErrorView, Loading } from '../../../components/states';
import { goHome } from '../../../hooks/go-back';
import { useLoad } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';

type Peek = Output<'org', 'inviteInfo'>;

/** Where the person stands with the code: what they may do next, in words. */
function Outcome({ peek }: { peek: Peek }) {
  const text =
    peek.state === 'expired'
      ? '该邀请码已过期，请联系邀请人重新生成。'
      : peek.state === 'spent'
        ? '该邀请码已被使用或已作废，每个邀请码只能使用一次。请联系邀请人。'
        : peek.status === 'requested'
          ? '申请已提交，等待审批。审批结果会通过消息通知您。'
          : peek.status === 'approved'
            ? '申请已通过，您可以在首页办理相关工作了。'
            : '申请未通过，详情请查看消息或联系邀请人。';
  return (
    <View className="card" data-testid="join-outcome" data-state={peek.state} data-status={peek.status}>
      <View className="hint">{text}</View>
      <View className="state-actions">
        <Button type="primary" onClick={goHome}>
          返回首页
        </Button>
      </View>
    </View>
  );
}

/** Opened by scanning an invitation code (`scene`): the role it offers, and the form to ask for it. */
export default function Join() {
  const token = decodeURIComponent(useRouter().params.scene ?? '');
  useDevLoginGuard(`pages/org/join/index?scene=${encodeURIComponent(token)}`);
  const info = useLoad(() => call('org', 'inviteInfo', { token }), [token]);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [asked, setAsked] = useState<Peek | null>(null);
  const { errors, setErrors, edit } = useFieldErrors();
  const [busy, setBusy] = useState(false);
  if (!token)
    return (
      <Page title="身份邀请">
        <Empty title="请扫描邀请码" hint="邀请码由社区红领工作站或区委组织部生成" />
      </Page>
    );
  if (info.state === 'loading')
    return (
      <Page title="身份邀请">
        <Loading />
      </Page>
    );
  if (info.state === 'error')
    return (
      <Page title="身份邀请">
        <ErrorView error={info.error} onRetry={info.error.code === 'INVITE.INVALID' ? undefined : info.reload} />
      </Page>
    );
  const peek = asked ?? info.data;
  const submit = async () => {
    // Right after the tap: the decision's result.
    askToBeTold('invite', 'requester');
    setBusy(true);
    try {
      setAsked(await call('org', 'requestInvite', { token, name: name.trim(), phone: phone.trim() }));
      void Taro.showToast({ title: '已提交申请', icon: 'none' });
    } catch (e) {
      if (e instanceof CallError && Object.keys(e.fields).length) setErrors(e.fields);
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title="身份邀请">
      <View className="banner">
        <View className="banner-title" data-testid="join-role">
          {roleLabels[peek.role]}
        </View>
        <View className="banner-sub">
          {peek.scopeName} · {beijing(peek.expiresAt)}前有效
        </View>
      </View>
      {peek.state === 'open' ? (
        <View data-testid="join-form">
          <View className="card hint">
            您受邀担任{roleLabels[peek.role]}。请填写真实姓名和手机号，提交后由邀请方审批。
          </View>
          <TextField
            label="姓名"
            name="name"
            value={name}
            onInput={edit('name', setName)}
            error={errors.name}
            limit={20}
          />
          <TextField
            label="手机号"
            name="phone"
            type="number"
            maxlength={11}
            value={phone}
            onInput={edit('phone', setPhone)}
            error={errors.phone}
          />
          <View className="submit">
            <Button type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
              提交申请
            </Button>
          </View>
          <View className="hint" style={{ padding: '0 16px' }}>
            您的手机号仅用于邀请方核对身份，列表中只显示隐藏中间四位的号码。
          </View>
        </View>
      ) : (
        <Outcome peek={peek} />
      )}
    </Page>
  );
}
