import { Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { roleLabels } from '@shared/core/roles';
import { beijing } from '@shared/core/time';
import { call, type Output } from '../../api/call';
import { clearSession } from '../../api/session';
import { MyDataLinks } from '../../components/my-data-links';
import { Page } from '../../components/page';
import { Empty, ErrorView, Loading } from '../../components/states';
import { StatusTag } from '../../components/status-tag';
import { setElder, useElder } from '../../hooks/elder';
import { useLoad, useOnReturn } from '../../hooks/use-call';
import { useMe } from '../../hooks/use-me';

type Me = Output<'org', 'me'>;
type Reports = Output<'checkin', 'myReports'>['items'];

function MyReports({ items }: { items: Reports }) {
  if (items.length === 0) return <Empty title="还没有报到记录" hint="扫描居住社区的报到码即可报到" />;
  return (
    <View>
      {items.map((r) => (
        <View key={r.id} className="list-item" data-testid="my-report">
          <View className="row">
            <Text className="card-title">{r.communityName}</Text>
            <StatusTag status={r.status} />
          </View>
          <View className="list-line">
            {r.gridName} · {r.unitName}
          </View>
          <View className="list-line">报到单位：{r.orgName}</View>
          <View className="list-line">提交时间：{beijing(r.submittedAt)}</View>
          {r.reviewedAt ? <View className="list-line">审核时间：{beijing(r.reviewedAt)}</View> : null}
          {r.reason ? <View className="list-line">驳回原因：{r.reason}</View> : null}
        </View>
      ))}
    </View>
  );
}

/**
 * Each role the person holds, with its scope; a member's line says where they reported. Nobody without
 * a member's grant or a 报到 of their own is told about 报到.
 */
function Roles({ me, reports }: { me: Me; reports: Reports }) {
  const member = me.grants.some((g) => g.role === 'member') || reports.length > 0;
  const pending = reports.find((r) => r.status === 'pending');
  const memberState = me.communityName
    ? `已报到：${me.communityName}`
    : pending
      ? `报到待审核：${pending.communityName}`
      : '尚未在社区报到';
  const others = me.grants.filter((g) => g.role !== 'member');
  return (
    <View data-testid="my-roles">
      {member ? (
        <View className="role-line" data-testid="role" data-role="member">
          <Text className="tag tag-role">{roleLabels.member}</Text>
          <Text>{memberState}</Text>
        </View>
      ) : null}
      {others.map((g) => (
        <View key={`${g.role}${g.scopeId}`} className="role-line" data-testid="role" data-role={g.role}>
          <Text className="tag tag-role">{roleLabels[g.role]}</Text>
          <Text>{g.scopeName ?? ''}</Text>
        </View>
      ))}
      {!member && others.length === 0 ? (
        <View className="role-line" data-testid="role" data-role="resident">
          <Text className="tag tag-other">{roleLabels.resident}</Text>
          <Text>可以发布微心愿、反映问题</Text>
        </View>
      ) : null}
    </View>
  );
}

/** 大字版: larger text and buttons on every page, kept on this phone. */
function ElderSwitch() {
  const elder = useElder();
  return (
    <View className="card switch-row">
      <View>
        <View className="card-title">大字版</View>
        <View className="hint">字更大、按钮更大，看得清、点得准</View>
      </View>
      <Switch
        checked={elder}
        color="#c8161d"
        data-testid="elder-switch"
        nativeProps={{ 'aria-label': '大字版' }}
        onChange={(e) => setElder(e.detail.value)}
      />
    </View>
  );
}

export default function Mine() {
  const me = useMe();
  const reports = useLoad(() => call('checkin', 'myReports', {}), []);
  useOnReturn(() => void reports.reload());
  if (me.state === 'loading')
    return (
      <Page>
        <Loading />
      </Page>
    );
  if (me.state === 'error')
    return (
      <Page>
        <ErrorView error={me.error} onRetry={me.reload} />
      </Page>
    );
  const logout = () => {
    clearSession();
    void Taro.redirectTo({ url: '/pages/login/index' });
  };
  const items = reports.data?.items ?? [];
  const member = me.data.grants.some((g) => g.role === 'member') || items.length > 0;
  return (
    <Page>
      <View className="card">
        <View className="card-title">{me.data.name ?? '微信用户'}</View>
        <Roles me={me.data} reports={items} />
        <Text className="hint" selectable data-testid="my-openid">
          用户编号：{me.data.openid}
        </Text>
      </View>
      <ElderSwitch />
      <MyDataLinks />
      {member ? (
        <View>
          <View className="section-title">我的报到</View>
          {reports.state === 'loading' ? <Loading /> : null}
          {reports.state === 'error' ? <ErrorView error={reports.error} onRetry={reports.reload} /> : null}
          {reports.state === 'ready' ? <MyReports items={items} /> : null}
        </View>
      ) : null}
      {process.env.TARO_ENV === 'h5' ? (
        <View className="submit">
          <Button block onClick={logout}>
            切换演示账号
          </Button>
        </View>
      ) : null}
    </Page>
  );
}
