import { Button as NativeButton, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useEffect, useState, type ReactNode } from 'react';
import { policyDocuments, policyVersion, policyVersionLabel } from '@shared/org/policy';
import { call, type CallError } from '../api/call';
import {
  AGREE_BUTTON,
  answerWechat,
  consentRemembered,
  onWechatAsks,
  rememberConsent,
  shownToWechat,
  wechatWaiting,
} from '../api/consent';
import { clearSession, needsDevLogin } from '../api/session';
import { PolicyText } from './policy-text';
import { ErrorView, Loading } from './states';

type Gate = 'checking' | 'open' | 'ask' | 'declined';

/** Reads a policy document (a page that stays readable whatever the person answered). */
export function openPolicy(doc: 'privacy' | 'terms'): void {
  void Taro.navigateTo({ url: `/pages/mine/privacy/index?doc=${doc}` });
}

/** Leaves the app: the mini-program closes; the local run goes back to choosing an account. */
export function leaveApp(): void {
  if (process.env.TARO_ENV === 'weapp') void Taro.exitMiniProgram();
  else {
    clearSession();
    void Taro.redirectTo({ url: '/pages/login/index' });
  }
}

/** The two documents, each a link to read it on its own page (from 我的数据). */
export function PolicyLinks() {
  return (
    <View className="consent-links">
      <View className="link" role="link" data-testid="read-privacy" onClick={() => openPolicy('privacy')}>
        《隐私政策》
      </View>
      <View className="link" role="link" data-testid="read-terms" onClick={() => openPolicy('terms')}>
        《用户协议》
      </View>
    </View>
  );
}

/**
 * The two documents inside the gate, opened in place: nothing else of the app is reached before the person
 * answered, and after 不同意 reading stays possible.
 */
function InlinePolicies() {
  const [open, setOpen] = useState<'privacy' | 'terms' | null>(null);
  const toggle = (doc: 'privacy' | 'terms') => setOpen((o) => (o === doc ? null : doc));
  return (
    <View>
      <View className="consent-links">
        <View className="link" role="button" data-testid="read-privacy" onClick={() => toggle('privacy')}>
          {open === 'privacy' ? '收起《隐私政策》' : '《隐私政策》'}
        </View>
        <View className="link" role="button" data-testid="read-terms" onClick={() => toggle('terms')}>
          {open === 'terms' ? '收起《用户协议》' : '《用户协议》'}
        </View>
      </View>
      {open ? <PolicyText doc={policyDocuments[open]} /> : null}
    </View>
  );
}

/** What the person is asked: the gist of the policy, the two documents, 同意 and 不同意. */
function Ask({ again, onAgree, onDecline }: { again: boolean; onAgree: () => Promise<void>; onDecline: () => void }) {
  const [busy, setBusy] = useState(false);
  const agree = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await onAgree();
    } catch (e) {
      void Taro.showToast({ title: (e as CallError).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="card consent" data-testid="consent-gate" role="dialog" aria-label="隐私政策和用户协议">
      <View className="card-title">{again ? '隐私政策已更新' : '欢迎使用红领'}</View>
      <View className="consent-text">
        {again ? '我们更新了隐私政策和用户协议，请您阅读后确认。' : '使用前，请阅读并同意隐私政策和用户协议。'}
        红领只收集办事必需的信息：微信身份标识；报到时填写的姓名、手机号、单位和居住单元；发布心愿、反映问题时填写的联系方式和上传的照片；扫码签到需要定位的活动时的位置（只保存与活动地点的距离）。手机号只给需要联系您的工作人员看完整号码。您可以随时在“我的”中查看自己的数据或注销账号。
      </View>
      <InlinePolicies />
      <View className="hint">{policyVersionLabel}</View>
      <View className="consent-actions">
        {process.env.TARO_ENV === 'weapp' ? (
          // WeChat's own privacy agreement goes with ours: its button type tells WeChat the person agreed.
          <NativeButton
            id={AGREE_BUTTON}
            className="consent-agree"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={() => void agree()}
            // WeChat before base library 2.32.3 knows no such button type: there a tap is the agreement.
            onClick={() => {
              if (!Taro.canIUse('button.open-type.agreePrivacyAuthorization')) void agree();
            }}
            disabled={busy}
          >
            同意并继续
          </NativeButton>
        ) : (
          <Button
            type="primary"
            block
            loading={busy}
            disabled={busy}
            onClick={() => void agree()}
            data-testid="consent-agree"
          >
            同意并继续
          </Button>
        )}
        <Button block onClick={onDecline} data-testid="consent-decline">
          不同意
        </Button>
      </View>
    </View>
  );
}

/** After 不同意: the documents can still be read; the app can be left; the person may think again. */
function Declined({ onReconsider }: { onReconsider: () => void }) {
  return (
    <View className="card consent" data-testid="consent-declined" role="alert">
      <View className="card-title">您未同意隐私政策</View>
      <View className="consent-text">不同意就无法使用红领的功能。您可以继续阅读隐私政策和用户协议，或退出。</View>
      <InlinePolicies />
      <View className="consent-actions">
        <Button type="primary" block onClick={onReconsider} data-testid="consent-reconsider">
          重新选择
        </Button>
        <Button block onClick={leaveApp} data-testid="consent-leave">
          退出
        </Button>
      </View>
    </View>
  );
}

/**
 * The first-use gate on every page (the person may arrive by a scanned code as well as by the home page):
 * nothing of the page shows until this person has agreed to the policy in force, which the phone remembers
 * once the server confirmed it. The policy page itself is exempt, and so is the local run's login.
 */
export function ConsentGate({ children }: { children: ReactNode }) {
  const exempt = needsDevLogin();
  const [gate, setGate] = useState<Gate>(() =>
    exempt || (consentRemembered() && !wechatWaiting()) ? 'open' : 'checking',
  );
  const [again, setAgain] = useState(false);
  const [error, setError] = useState<CallError | null>(null);

  const check = async () => {
    setError(null);
    try {
      const state = await call('org', 'consentState', {});
      setAgain(state.agreed !== null && !state.upToDate);
      if (state.upToDate && !wechatWaiting()) {
        rememberConsent();
        setGate('open');
      } else setGate('ask');
    } catch (e) {
      setError(e as CallError);
    }
  };
  useEffect(() => {
    if (gate === 'checking') void check();
  }, [gate]);
  // WeChat asks again (its privacy prompt for a photo or the location): the agreement is shown again.
  useEffect(() => onWechatAsks(() => setGate('ask')), []);
  // A page kept in the stack (the tabs) shown again after the account was closed, or to another person (H5).
  useDidShow(() => {
    if (!needsDevLogin() && !consentRemembered()) setGate((g) => (g === 'open' ? 'checking' : g));
  });
  useEffect(() => {
    if (gate === 'ask') shownToWechat();
  }, [gate]);

  if (gate === 'open') return <>{children}</>;
  if (error) return <ErrorView error={error} onRetry={() => void check()} />;
  if (gate === 'checking') return <Loading />;
  if (gate === 'declined') return <Declined onReconsider={() => setGate('ask')} />;
  return (
    <Ask
      again={again}
      onAgree={async () => {
        await call('org', 'consent', { version: policyVersion });
        rememberConsent();
        answerWechat(true);
        setGate('open');
      }}
      onDecline={() => {
        answerWechat(false);
        setGate('declined');
      }}
    />
  );
}
