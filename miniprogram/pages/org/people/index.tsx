import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { roleLabels, type Role } from '@shared/core/roles';
import type { GrantChoice, HolderView, InviteView, PersonView } from '@shared/org/people.contract';
import { INVITE_DAYS, inviteStatusLabels, type InviteStatus } from '@shared/org/people.rules';
import { beijing } from '@shared/core/time';
import { call, CallError } from '../../../api/call';
import { newRequestId } from '../../../api/request-id';
import { TextField, useFieldErrors } from '../../../components/form';
import { OptionField } from '../../../components/option-field';
import { Page } from '../../../components/page';
import { PagedList, Tabs } from '../../../components/paged-list';
import { CopyLink, PathQr } from '../../../components/qr';
import { Empty, ErrorView, Loading } from '../../../components/states';
import { confirmFirst } from '../../../hooks/confirm';
import { useListPage, useLoad } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import './index.css';

type Tab = 'holders' | 'grant' | 'invites';
const tabs: Array<{ value: Tab; label: string }> = [
  { value: 'holders', label: '身份名单' },
  { value: 'grant', label: '授予身份' },
  { value: 'invites', label: '邀请码' },
];

/** Short names for the role tabs (the full names are long for a tab at 大字版 sizes). */
const tabLabels: Partial<Record<Role, string>> = {
  gridSecretary: '网格书记',
  stationAdmin: '工作站',
  orgAdmin: '单位党支部',
  districtAdmin: '组织部',
};

const toast = (title: string) => void Taro.showToast({ title, icon: 'none' });

/** Who holds one role within the caller's place; a name or phone narrows it; 撤销 where the caller may. */
function Holders({ choices }: { choices: GrantChoice[] }) {
  // The district also sees the stations' grid secretaries and unit leaders (read-only).
  const roles: Role[] = [
    ...choices.map((c) => c.role),
    ...(choices.some((c) => c.role === 'department') ? (['gridSecretary', 'unitLeader'] as Role[]) : []),
  ];
  const [role, setRole] = useState<Role>(roles[0]!);
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const list = useListPage(
    (cursor) => call('org', 'roleHolders', { role, ...(q ? { q } : {}), after: cursor ?? null }),
    [role, q],
  );
  const revoke = async (h: HolderView) => {
    const sure = await confirmFirst({
      title: '撤销身份',
      content: `撤销${h.name}的「${roleLabels[h.role]}」身份（${h.scopeName}）？撤销后对方将立即不能办理相关工作，并会收到通知。`,
      confirmText: '撤销',
    });
    if (!sure) return;
    try {
      await call('org', 'revokeRole', { openid: h.openid, role: h.role });
      toast('已撤销');
      list.setItems((old) => old.filter((x) => !(x.openid === h.openid && x.role === h.role)));
    } catch (e) {
      toast((e as Error).message);
    }
  };
  return (
    <View>
      <Tabs
        tabs={roles.map((r) => ({ value: r, label: tabLabels[r] ?? roleLabels[r] }))}
        value={role}
        onChange={setRole}
      />
      <View className="search-row">
        <TextField label="查找" name="q" value={typed} placeholder="姓名或手机号" onInput={setTyped} />
        <Button onClick={() => setQ(typed.trim())}>查找</Button>
      </View>
      <PagedList list={list} empty={{ title: q ? '没有找到' : `暂无${roleLabels[role]}` }}>
        {(h) => (
          <View key={`${h.openid}~${h.role}`} className="list-item" data-testid="holder" data-name={h.name}>
            <View className="row">
              <View className="card-title">{h.name}</View>
              <View className="tag tag-role">{roleLabels[h.role]}</View>
            </View>
            <View className="list-line">范围：{h.scopeName}</View>
            {h.phone ? <View className="list-line">电话：{h.phone}</View> : null}
            <View className="list-line">授予时间：{beijing(h.grantedAt)}</View>
            {h.revocable ? (
              <View className="actions">
                <Button onClick={() => void revoke(h)}>撤销身份</Button>
              </View>
            ) : null}
          </View>
        )}
      </PagedList>
    </View>
  );
}

/** Role and place pickers shared by 授予身份 and 邀请码. */
function RoleScope(p: {
  choices: GrantChoice[];
  role: string;
  scopeId: string;
  onRole: (r: string) => void;
  onScope: (s: string) => void;
  errors: Record<string, string>;
}) {
  const choice = p.choices.find((c) => c.role === p.role);
  return (
    <View>
      <OptionField
        label="身份"
        placeholder="请选择身份"
        options={p.choices.map((c) => ({ id: c.role, name: roleLabels[c.role] }))}
        value={p.role}
        onChange={p.onRole}
        error={p.errors.role}
        testid="pick-role"
      />
      <OptionField
        label="范围"
        placeholder={choice ? '请选择' : '请先选择身份'}
        options={(choice?.options ?? []).map((o) => ({ id: o.id, name: o.group ? `${o.group} ${o.name}` : o.name }))}
        value={p.scopeId}
        onChange={p.onScope}
        error={p.errors.scopeId}
        testid="pick-scope"
      />
    </View>
  );
}

/** Find a person who already uses the app (by name or phone) and give them a role. */
function Grant({ choices }: { choices: GrantChoice[] }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<PersonView[] | null>(null);
  const [chosen, setChosen] = useState<PersonView | null>(null);
  const [role, setRole] = useState('');
  const [scopeId, setScopeId] = useState('');
  const { errors, setErrors, edit } = useFieldErrors();
  const [busy, setBusy] = useState(false);
  const search = async () => {
    if (!q.trim()) return setErrors({ q: '请输入姓名或手机号' });
    try {
      setFound((await call('org', 'findPeople', { q: q.trim() })).items);
    } catch (e) {
      toast((e as Error).message);
    }
  };
  const grant = async () => {
    const missing: Record<string, string> = {};
    if (!role) missing.role = '请选择身份';
    if (!scopeId) missing.scopeId = '请选择范围';
    if (Object.keys(missing).length || !chosen) return setErrors(missing);
    const scope = choices.find((c) => c.role === role)?.options.find((o) => o.id === scopeId)?.name ?? '';
    const sure = await confirmFirst({
      title: '授予身份',
      content: `授予${chosen.name}「${roleLabels[role as Role]}」身份（${scope}）？对方将收到通知。`,
      confirmText: '授予',
    });
    if (!sure) return;
    setBusy(true);
    try {
      const r = await call('org', 'grantRole', { openid: chosen.openid, role: role as Role, scopeId });
      toast(r.changed ? '已授予' : '对方已有该身份');
      setChosen(null);
      setFound(null);
      setRole('');
      setScopeId('');
    } catch (e) {
      if (e instanceof CallError && e.fields) setErrors(e.fields);
      toast((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  if (chosen)
    return (
      <View className="card" data-testid="grant-form">
        <View className="card-title">授予 {chosen.name}</View>
        <View className="list-line">
          {chosen.phone ?? ''} {chosen.communityName}
        </View>
        <RoleScope
          choices={choices}
          role={role}
          scopeId={scopeId}
          onRole={edit('role', (r: string) => {
            setRole(r);
            setScopeId('');
          })}
          onScope={edit('scopeId', setScopeId)}
          errors={errors}
        />
        <View className="actions">
          <Button onClick={() => setChosen(null)}>返回</Button>
          <Button type="primary" loading={busy} disabled={busy} onClick={() => void grant()}>
            授予身份
          </Button>
        </View>
      </View>
    );
  return (
    <View>
      <View className="search-row">
        <TextField
          label="查找人员"
          name="q"
          value={q}
          placeholder="姓名开头或11位手机号"
          onInput={edit('q', setQ)}
          error={errors.q}
        />
        <Button type="primary" onClick={() => void search()}>
          查找
        </Button>
      </View>
      <View className="hint people-hint">只能找到已登录过小程序并留有姓名的人员；新同事请用“邀请码”。</View>
      {found === null ? null : found.length === 0 ? (
        <Empty title="没有找到" hint="请核对姓名或手机号，或改用邀请码" />
      ) : (
        found.map((p) => (
          <View key={p.openid} className="list-item" data-testid="person" data-name={p.name}>
            <View className="row">
              <View className="card-title">{p.name}</View>
              <Button onClick={() => setChosen(p)}>选择</Button>
            </View>
            <View className="list-line">
              {p.phone ?? '未留电话'} {p.communityName}
            </View>
            {p.roles.length ? (
              <View className="list-line">
                现有身份：{p.roles.map((r) => `${roleLabels[r.role]}（${r.scopeName}）`).join('、')}
              </View>
            ) : null}
          </View>
        ))
      )}
    </View>
  );
}

const inviteTabs: Array<{ value: InviteStatus | 'all'; label: string }> = [
  { value: 'requested', label: '待审批' },
  { value: 'open', label: '待扫码' },
  { value: 'all', label: '全部' },
];

function InviteItem({ item, onChanged }: { item: InviteView; onChanged: (i: InviteView) => void }) {
  const [reason, setReason] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'approve' | 'reject') => {
    if (
      decision === 'approve' &&
      !(await confirmFirst({
        title: '通过申请',
        content: `通过${item.requester?.name ?? ''}的申请，授予「${roleLabels[item.role]}」身份（${item.scopeName}）？`,
        confirmText: '通过',
      }))
    )
      return;
    setBusy(true);
    try {
      const r = await call('org', 'decideInvite', {
        inviteId: item.id,
        decision,
        ...(decision === 'reject' ? { reason: reason.trim() } : {}),
      });
      toast(decision === 'approve' ? '已通过' : '已驳回');
      onChanged(r.invite);
    } catch (e) {
      toast((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const withdraw = async () => {
    if (!(await confirmFirst({ title: '作废邀请码', content: '作废后该码不能再使用。', confirmText: '作废' }))) return;
    try {
      onChanged((await call('org', 'revokeInvite', { inviteId: item.id })).invite);
      toast('已作废');
    } catch (e) {
      toast((e as Error).message);
    }
  };
  const status = item.expired ? '已过期' : inviteStatusLabels[item.status];
  return (
    <View className="list-item" data-testid="invite" data-status={item.status}>
      <View className="row">
        <View className="card-title">
          {roleLabels[item.role]} · {item.scopeName}
        </View>
        <View
          className={`tag ${item.status === 'requested' ? 'tag-pending' : item.status === 'approved' ? 'tag-approved' : 'tag-other'}`}
        >
          {status}
        </View>
      </View>
      {item.requester ? (
        <View className="list-line">
          申请人：{item.requester.name} {item.requester.phone}
        </View>
      ) : null}
      <View className="list-line">
        生成：{item.createdByName} {beijing(item.createdAt)}
      </View>
      <View className="list-line">有效期至：{beijing(item.expiresAt)}</View>
      {item.reason ? <View className="list-line">驳回原因：{item.reason}</View> : null}
      {item.status === 'requested' && rejecting ? (
        <View className="inline-form">
          <TextField label="驳回原因" name="reason" value={reason} onInput={setReason} limit={100} />
          <View className="actions">
            <Button onClick={() => setRejecting(false)}>取消</Button>
            <Button
              type="danger"
              disabled={busy || reason.trim().length < 2 || reason.trim().length > 100}
              onClick={() => void decide('reject')}
            >
              确认驳回
            </Button>
          </View>
        </View>
      ) : null}
      {item.status === 'requested' && !rejecting ? (
        <View className="actions">
          <Button disabled={busy} onClick={() => setRejecting(true)}>
            驳回
          </Button>
          <Button type="primary" disabled={busy} loading={busy} onClick={() => void decide('approve')}>
            通过
          </Button>
        </View>
      ) : null}
      {item.status === 'open' && !item.expired ? (
        <View className="actions">
          <Button onClick={() => void withdraw()}>作废</Button>
        </View>
      ) : null}
    </View>
  );
}

type Made = { token: string; page: string; image: string | null; invite: InviteView };

/** Make a code for a role and place, show it to scan or send; below, the codes made and the requests to decide. */
function Invites({ choices }: { choices: GrantChoice[] }) {
  const initial = useRouter().params.status === 'open' ? 'open' : 'requested';
  const [status, setStatus] = useState<InviteStatus | 'all'>(initial);
  const [role, setRole] = useState('');
  const [scopeId, setScopeId] = useState('');
  const [days, setDays] = useState(String(INVITE_DAYS.default));
  const [made, setMade] = useState<Made | null>(null);
  // Opened from a request's message or the to-do, the list comes first; the form opens on 生成邀请码.
  const [making, setMaking] = useState(false);
  const { errors, setErrors, edit } = useFieldErrors();
  const [busy, setBusy] = useState(false);
  const list = useListPage(
    (cursor) => call('org', 'invites', { ...(status === 'all' ? {} : { status }), after: cursor ?? null }),
    [status],
  );
  const make = async () => {
    const missing: Record<string, string> = {};
    if (!role) missing.role = '请选择身份';
    if (!scopeId) missing.scopeId = '请选择范围';
    if (Object.keys(missing).length) return setErrors(missing);
    setBusy(true);
    try {
      const r = await call('org', 'createInvite', {
        requestId: newRequestId(),
        role: role as Role,
        scopeId,
        days: Number(days),
      });
      setMade(r);
      void list.refresh();
    } catch (e) {
      if (e instanceof CallError && e.fields) setErrors(e.fields);
      toast((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View>
      {made ? (
        <View className="card invite-code" data-testid="invite-code">
          <View className="card-title">
            {roleLabels[made.invite.role]} · {made.invite.scopeName}
          </View>
          <View className="hint">
            请对方用微信扫码，填写姓名和手机号后提交申请；{beijing(made.invite.expiresAt)}前有效，只能使用一次。
          </View>
          <PathQr path={`${made.page}?scene=${encodeURIComponent(made.token)}`} image={made.image} testid="invite-qr" />
          <CopyLink path={`${made.page}?scene=${encodeURIComponent(made.token)}`} testid="invite-link" />
          <View className="actions">
            <Button
              onClick={() => {
                setMade(null);
                setMaking(false);
              }}
            >
              完成
            </Button>
          </View>
        </View>
      ) : !making ? (
        <View className="submit">
          <Button type="primary" block onClick={() => setMaking(true)}>
            生成邀请码
          </Button>
        </View>
      ) : (
        <View className="card" data-testid="invite-form">
          <View className="card-title">生成邀请码</View>
          <RoleScope
            choices={choices}
            role={role}
            scopeId={scopeId}
            onRole={edit('role', (r: string) => {
              setRole(r);
              setScopeId('');
            })}
            onScope={edit('scopeId', setScopeId)}
            errors={errors}
          />
          <TextField
            label={`有效天数（${INVITE_DAYS.min}–${INVITE_DAYS.max}）`}
            name="days"
            type="number"
            value={days}
            onInput={edit('days', setDays)}
            error={errors.days}
          />
          <View className="submit">
            <Button type="primary" block loading={busy} disabled={busy} onClick={() => void make()}>
              生成邀请码
            </Button>
          </View>
          <View className="state-actions">
            <Button onClick={() => setMaking(false)}>取消</Button>
          </View>
        </View>
      )}
      <Tabs tabs={inviteTabs} value={status} onChange={setStatus} />
      <PagedList list={list} empty={{ title: status === 'requested' ? '暂无待审批的申请' : '暂无邀请码' }}>
        {(item) => (
          <InviteItem
            key={item.id}
            item={item}
            onChanged={(next) => list.setItems((old) => old.map((x) => (x.id === next.id ? next : x)))}
          />
        )}
      </PagedList>
    </View>
  );
}

/**
 * 人员与身份: the district appoints stations, departments' staff, organisations' admins and colleagues; a
 * station its colleagues, grid secretaries and unit leaders. A message about a request opens `tab=invites`.
 */
export default function People() {
  useDevLoginGuard('pages/org/people/index');
  const params = useRouter().params;
  const [tab, setTab] = useState<Tab>(params.tab === 'invites' ? 'invites' : 'holders');
  const options = useLoad(() => call('org', 'grantOptions', {}), []);
  return (
    <Page title="人员与身份">
      <Tabs tabs={tabs} value={tab} onChange={setTab} />
      {options.state === 'loading' ? (
        <Loading />
      ) : options.state === 'error' ? (
        <ErrorView error={options.error} onRetry={options.reload} />
      ) : tab === 'holders' ? (
        <Holders choices={options.data.choices} />
      ) : tab === 'grant' ? (
        <Grant choices={options.data.choices} />
      ) : (
        <Invites choices={options.data.choices} />
      )}
    </Page>
  );
}
