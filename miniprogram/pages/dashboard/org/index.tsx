import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { beijingDeadline } from '@shared/core/time';
import { pairingStatusLabels, VISITS_PER_YEAR } from '@shared/org/pairing.rules';
import { call } from '../../../api/call';
import { Page } from '../../../components/page';
import { ErrorView, Loading } from '../../../components/states';
import { useLoad } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';

const go = (url: string) => void Taro.navigateTo({ url });

/**
 * The employer organisation's dashboard: its members' 报到 and how many met the half-year rule, its pairing and
 * this year's visits.
 */
export default function OrgDashboard() {
  useDevLoginGuard('pages/dashboard/org/index');
  const data = useLoad(() => call('org', 'orgDashboard', {}), []);
  if (data.state === 'loading')
    return (
      <Page title="本单位统计">
        <Loading />
      </Page>
    );
  if (data.state === 'error')
    return (
      <Page title="本单位统计">
        <ErrorView error={data.error} onRetry={data.reload} />
      </Page>
    );
  const { orgName, reports, pairing, halfYear } = data.data;
  return (
    <Page title="本单位统计">
      <View className="banner">
        <View className="banner-title">{orgName}</View>
        <View className="banner-sub">党员报到与结对共建</View>
      </View>
      <View className="card" data-testid="org-reports">
        <View className="card-title">党员报到</View>
        <View className="list-line">已报到：{reports.approved} 人</View>
        <View className="list-line">待社区审核：{reports.pending} 人</View>
        <View className="list-line" data-testid="org-half-year">
          {halfYear.label}履责达标：{halfYear.met} 人{halfYear.rate === null ? '' : `（${halfYear.rate}%）`}
        </View>
        <View className="actions">
          <Button onClick={() => go('/pages/checkin/receipts/index')}>报到回执</Button>
          <Button onClick={() => go('/pages/checkin/org-half-year/index')}>半年履责</Button>
        </View>
      </View>
      <View className="card" data-testid="org-pairing">
        <View className="card-title">结对共建</View>
        {pairing ? (
          <View>
            <View className="list-line">状态：{pairing.overdue ? '已超期' : pairingStatusLabels[pairing.status]}</View>
            {pairing.communityName ? <View className="list-line">结对社区：{pairing.communityName}</View> : null}
            {pairing.status !== 'paired' ? (
              <View className="list-line">结对期限：{beijingDeadline(pairing.deadlineAt)}</View>
            ) : (
              <View className="list-line">
                {pairing.year}年服务 {pairing.visits}/{VISITS_PER_YEAR} 次，解决问题 {pairing.problemsSolved} 个
              </View>
            )}
          </View>
        ) : (
          <View className="hint">暂无结对通知</View>
        )}
        <View className="actions">
          <Button onClick={() => go('/pages/org/pairing/index')}>结对共建</Button>
        </View>
      </View>
    </Page>
  );
}
