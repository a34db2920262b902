import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useEffect, useState } from 'react';
import { roleLabels } from '@shared/core/roles';
import { beijing } from '@shared/core/time';
import type { DataItem } from '@shared/org/account.contract';
import { CLOSE_CONFIRMATION, dataListLabels, dataLists, type DataList } from '@shared/org/account.rules';
import { policyVersionLabel } from '@shared/org/policy';
import { call, type CallError, type Output } from '../../../api/call';
import { forgetConsent } from '../../../api/consent';
import { leaveApp, PolicyLinks } from '../../../components/consent-gate';
import { Page } from '../../../components/page';
import { ErrorView, Loading, Result } from '../../../components/states';
import { confirmFirst } from '../../../hooks/confirm';
import { useLoad } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import './index.css';

type Data = Output<'org', 'myData'>;
type Lists = Record<DataList, { items: DataItem[]; next: string | null }>;

function Line({ label, value }: { label: string; value: string | null }) {
  return (
    <View className="list-line">
      {label}：{value ?? '未填写'}
    </View>
  );
}

function Person({ data }: { data: Data }) {
  const p = data.person;
  return (
    <View className="card" data-testid="data-person">
      <View className="card-title">个人信息</View>
      {p ? (
        <View>
          <Line label="姓名" value={p.name} />
          <Line label="手机号" value={p.phone} />
          <Line label="居住社区" value={p.community} />
          <Line label="居住单元" value={p.unit} />
          <Line label="报到单位" value={p.org} />
          <Line label="建档时间" value={beijing(p.since)} />
        </View>
      ) : (
        <View className="list-line">没有个人档案（在社区报到通过后才会建立）</View>
      )}
      <View className="list-line">
        身份：
        {data.roles.length
          ? data.roles.map((r) => `${roleLabels[r.role]}${r.scopeName ? `（${r.scopeName}）` : ''}`).join('、')
          : roleLabels.resident}
      </View>
      <View className="list-line" data-testid="data-consent">
        隐私政策：{data.consent ? `${beijing(data.consent.agreedAt)} 同意（${data.consent.version}版）` : '未同意'}
      </View>
      <View className="list-line">
        积分余额：{data.balance}；消息：共{data.messages.total}条（未读{data.messages.unread}条）
      </View>
    </View>
  );
}

function List({ list, page, onMore }: { list: DataList; page: Lists[DataList]; onMore: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  return (
    <View data-testid="data-list" data-list={list}>
      <View className="section-title">
        {dataListLabels[list]}（{page.items.length}
        {page.next ? '+' : ''}）
      </View>
      {page.items.length === 0 ? <View className="data-none">无</View> : null}
      {page.items.map((i) => (
        <View key={i.id} className="list-item" data-testid="data-item">
          <View className="row">
            <Text className="card-title">{i.title}</Text>
            <Text className="tag tag-other">{i.status}</Text>
          </View>
          <View className="list-line">{beijing(i.at)}</View>
          {i.lines.map((l) => (
            <View key={l} className="list-line">
              {l}
            </View>
          ))}
        </View>
      ))}
      {page.next ? (
        <View
          className="load-more"
          role="button"
          onClick={() => {
            if (busy) return;
            setBusy(true);
            void onMore().finally(() => setBusy(false));
          }}
        >
          {busy ? '加载中…' : '加载更多'}
        </View>
      ) : null}
    </View>
  );
}

/** 注销: what it does, asked once more in a dialog; refused with what to do first while others wait on the person. */
function Close({ onClosed }: { onClosed: () => void }) {
  const [busy, setBusy] = useState(false);
  const [blocked, setBlocked] = useState<string[] | null>(null);
  const close = async () => {
    const sure = await confirmFirst({
      title: '确定注销账号？',
      content:
        '注销后，您的姓名、手机号、居住单元、照片、消息和身份将被删除，剩余积分作废；报到、服务、积分和问题记录只以匿名编号保留，您本人也无法再查看。注销不能撤销。',
      confirmText: '注销',
    });
    if (!sure) return;
    setBusy(true);
    try {
      await call('org', 'closeAccount', { confirm: CLOSE_CONFIRMATION });
      forgetConsent();
      onClosed();
    } catch (e) {
      const error = e as CallError;
      setBlocked(
        error.code === 'ACCOUNT.CLOSE_BLOCKED' ? String(error.body.params?.reason ?? '').split('；') : [error.message],
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="card" data-testid="data-close">
      <View className="card-title">注销账号</View>
      <View className="list-line">
        注销后，您的个人信息将被删除或匿名化，积分作废，且不能恢复。他人依赖的记录（积分流水、服务记录、问题办理过程）只以匿名编号保留。
      </View>
      {blocked ? (
        <View className="data-blocked" role="alert" data-testid="close-blocked">
          <View className="list-line">暂时不能注销，请先：</View>
          {blocked.map((b) => (
            <View key={b} className="list-line">
              · {b}
            </View>
          ))}
        </View>
      ) : null}
      <View className="submit">
        <Button
          block
          type="danger"
          loading={busy}
          disabled={busy}
          onClick={() => void close()}
          data-testid="close-account"
        >
          注销账号
        </Button>
      </View>
    </View>
  );
}

/**
 * 我的数据: everything the service holds about the person, in one call (each long list paged on its own),
 * the documents they agreed to, and 注销.
 */
export default function MyData() {
  useDevLoginGuard('pages/mine/data/index');
  const data = useLoad(() => call('org', 'myData', {}), []);
  const [lists, setLists] = useState<Lists | null>(null);
  const [closed, setClosed] = useState(false);
  useEffect(() => setLists(data.state === 'ready' ? (data.data.lists as Lists) : null), [data.state, data.data]);
  const more = (list: DataList) => async () => {
    const cursor = lists?.[list].next;
    if (!cursor) return;
    try {
      const next = await call('org', 'myData', { list, cursor });
      const page = next.lists[list];
      if (page)
        setLists((old) =>
          old ? { ...old, [list]: { items: [...old[list].items, ...page.items], next: page.next } } : old,
        );
    } catch {
      /* the button stays: tapping again retries */
    }
  };
  if (closed)
    return (
      <Page title="我的数据" consentFree>
        <Result ok title="账号已注销" next="感谢您参与社区服务。再次使用需重新同意隐私政策。" testid="closed">
          <View className="submit">
            <Button type="primary" block onClick={leaveApp}>
              退出
            </Button>
          </View>
        </Result>
      </Page>
    );
  return (
    <Page title="我的数据">
      {data.state === 'loading' ? <Loading /> : null}
      {data.state === 'error' ? <ErrorView error={data.error} onRetry={data.reload} /> : null}
      {data.state === 'ready' && lists ? (
        <View>
          <Person data={data.data} />
          <View className="card">
            <View className="card-title">您同意的协议</View>
            <PolicyLinks />
            <View className="hint">当前版本：{policyVersionLabel}</View>
          </View>
          {dataLists.map((l) => (
            <List key={l} list={l} page={lists[l]} onMore={more(l)} />
          ))}
          <Close onClosed={() => setClosed(true)} />
        </View>
      ) : null}
    </Page>
  );
}
