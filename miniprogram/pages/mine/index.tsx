import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { roleLabels } from '@shared/core/roles';
import { beijing } from '@shared/core/time';
import { call } from '../../api/call';
import { clearSession } from '../../api/session';
import { Empty, ErrorView, Loading } from '../../components/states';
import { StatusTag } from '../../components/status-tag';
import { useLoad, useOnReturn } from '../../hooks/use-call';
import { useMe } from '../../hooks/use-me';

function MyReports() {
  const reports = useLoad(() => call('checkin', 'myReports', {}), []);
  useOnReturn(() => void reports.reload());
  if (reports.state === 'loading') return <Loading />;
  if (reports.state === 'error') return <ErrorView error={reports.error} onRetry={reports.reload} />;
  if (reports.data.items.length === 0) return <Empty title="还没有报到记录" hint="扫描居住社区的报到码即可报到" />;
  return (
    <View>
      {reports.data.items.map((r) => (
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

export default function Mine() {
  const me = useMe();
  if (me.state === 'loading') return <Loading />;
  if (me.state === 'error') return <ErrorView error={me.error} onRetry={me.reload} />;
  const logout = () => {
    clearSession();
    void Taro.redirectTo({ url: '/pages/login/index' });
  };
  return (
    <View className="page">
      <View className="card">
        <View className="card-title">{me.data.name ?? '微信用户'}</View>
        <View className="hint">{me.data.communityName ? `已报到：${me.data.communityName}` : '尚未在社区报到'}</View>
        <Text className="hint" selectable data-testid="my-openid">
          用户编号：{me.data.openid}
        </Text>
        <View style={{ marginTop: '12px' }}>
          {me.data.grants.length ? (
            me.data.grants.map((g) => (
              <Text key={`${g.role}${g.scopeId}`} className="tag tag-role">
                {roleLabels[g.role]}
                {g.scopeName ? ` · ${g.scopeName}` : ''}
              </Text>
            ))
          ) : (
            <Text className="tag tag-other">居民</Text>
          )}
        </View>
      </View>
      <View className="section-title">我的报到</View>
      <MyReports />
      {process.env.TARO_ENV === 'h5' ? (
        <View className="submit">
          <Button block onClick={logout}>
            切换演示账号
          </Button>
        </View>
      ) : null}
    </View>
  );
}
