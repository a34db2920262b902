import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { Role } from '@shared/core/roles';
import { roleLabels } from '@shared/core/roles';
import { ErrorView, Loading } from '../../components/states';
import { useMe } from '../../hooks/use-me';

type Entry = { title: string; hint: string; url: string; roles: Role[] };

/** What each role can do today; the home page shows the entries the caller's roles open. */
const entries: Entry[] = [
  {
    title: '社区报到码',
    hint: '出示或打印本社区报到码，党员扫码报到',
    url: '/pages/checkin/code/index',
    roles: ['stationAdmin'],
  },
  {
    title: '报到审核',
    hint: '审核在职党员的报到申请',
    url: '/pages/checkin/review/index',
    roles: ['stationAdmin', 'districtAdmin'],
  },
  {
    title: '报到回执',
    hint: '查看本单位党员到社区报到的情况',
    url: '/pages/checkin/receipts/index',
    roles: ['orgAdmin', 'districtAdmin'],
  },
  {
    title: '党员半年履责',
    hint: '每半年至少服务1次、认领1项的完成情况',
    url: '/pages/checkin/org-half-year/index',
    roles: ['orgAdmin'],
  },
  { title: '岗位认领', hint: '认领楼道文明劝导员等社区岗位', url: '/pages/checkin/posts/index', roles: ['member'] },
  {
    title: '岗位管理',
    hint: '设置社区岗位，查看认领情况',
    url: '/pages/checkin/posts/index',
    roles: ['stationAdmin', 'gridSecretary'],
  },
  {
    title: '社区活动',
    hint: '报名主题党日等活动，现场扫码签到签退',
    url: '/pages/checkin/activities/index',
    roles: ['member'],
  },
  {
    title: '活动管理',
    hint: '发布活动，出示签到码，查看签到名单',
    url: '/pages/checkin/activities/index',
    roles: ['stationAdmin', 'gridSecretary'],
  },
  { title: '我的服务', hint: '服务时长与半年履责情况', url: '/pages/checkin/service/index', roles: ['member'] },
  { title: '心愿墙', hint: '认领居民的微心愿，帮他们实现', url: '/pages/wish/wall/index', roles: ['member'] },
  { title: '我认领的心愿', hint: '完成后提交，等待居民确认', url: '/pages/wish/claims/index', roles: ['member'] },
  {
    title: '心愿审核',
    hint: '审核居民的微心愿，跟进认领和完成',
    url: '/pages/wish/review/index',
    roles: ['stationAdmin', 'gridSecretary'],
  },
  {
    title: '单元心愿确认',
    hint: '居民不便时，代为确认心愿已完成',
    url: '/pages/wish/unit/index',
    roles: ['unitLeader'],
  },
  {
    title: '我的积分',
    hint: '积分余额与明细，登记服务，积分超市兑换',
    url: '/pages/points/mine/index',
    roles: ['member'],
  },
  {
    title: '确认服务时长',
    hint: '确认本单元（或所组织活动）的服务时长',
    url: '/pages/points/confirm/index',
    roles: ['unitLeader', 'stationAdmin', 'gridSecretary'],
  },
  {
    title: '积分管理',
    hint: '核销领取、积分规则、积分更正',
    url: '/pages/points/station/index',
    roles: ['stationAdmin'],
  },
  {
    title: '问题台账',
    hint: '分拨居民反映的问题，向部门吹哨，确认办结',
    url: '/pages/whistle/station/index',
    roles: ['stationAdmin'],
  },
  {
    title: '吹哨报到',
    hint: '报到社区的吹哨，3日内反馈处理情况',
    url: '/pages/whistle/department/index',
    roles: ['department'],
  },
  {
    title: '吹哨报到统计',
    hint: '各部门、各社区的响应、按时反馈、解决、满意率',
    url: '/pages/whistle/stats/index',
    roles: ['districtAdmin'],
  },
  {
    title: '反映问题',
    hint: '身边的环境、设施、安全问题，社区吹哨、部门报到',
    url: '/pages/whistle/mine/index',
    roles: ['resident'],
  },
  { title: '消息', hint: '办理进展和提醒', url: '/pages/inbox/index', roles: ['resident'] },
  { title: '我的微心愿', hint: '发布生活中的小心愿，查看进展', url: '/pages/wish/mine/index', roles: ['resident'] },
];

function go(url: string) {
  void Taro.navigateTo({ url });
}

export default function Index() {
  const me = useMe();
  if (me.state === 'loading') return <Loading />;
  if (me.state === 'error') return <ErrorView error={me.error} onRetry={me.reload} />;
  // Every identified person is a resident (居民) and may post wishes.
  const held = new Set<Role>(['resident', ...me.data.grants.map((g) => g.role)]);
  // One card per page: a member who is also a station admin sees the management card once.
  const mine = entries.filter(
    (e, i) =>
      e.roles.some((r) => held.has(r)) &&
      entries.findIndex((x) => x.url === e.url && x.roles.some((r) => held.has(r))) === i,
  );
  return (
    <View className="page">
      <View className="banner">
        <View className="banner-title">红领 · 社区治理</View>
        <View className="banner-sub">
          {me.data.name ? `${me.data.name}，您好` : '您好'}
          {me.data.communityName ? ` · ${me.data.communityName}` : ''}
        </View>
        <View className="banner-sub">
          {me.data.grants.length
            ? me.data.grants.map((g) => `${roleLabels[g.role]}${g.scopeName ? `（${g.scopeName}）` : ''}`).join('、')
            : '居民'}
        </View>
      </View>
      {mine.map((e) => (
        <View key={e.url} className="card" onClick={() => go(e.url)}>
          <View className="card-title">{e.title}</View>
          <Text className="hint">{e.hint}</Text>
        </View>
      ))}
      {!held.has('member') ? (
        <View className="card">
          <View className="card-title">在职党员到社区报到</View>
          <View className="hint">
            请扫描居住社区红领工作站出示的报到码，填写姓名、电话、所在单位和居住单元，工作站审核后即完成报到。
          </View>
          <ScanButton label="扫码报到" />
        </View>
      ) : (
        <View className="card">
          <ScanButton label="扫码签到" />
          <View className="card-title">我已报到</View>
          <View className="hint">
            您已在{me.data.communityName}报到。请认领岗位、参加社区活动，每半年至少服务1次、认领1项。
          </View>
        </View>
      )}
    </View>
  );
}

/** The in-app scanner exists only in the mini-program; in H5 the code's link opens the page instead. */
function ScanButton({ label }: { label: string }) {
  if (process.env.TARO_ENV !== 'weapp') return null;
  return (
    <View className="actions">
      <Button type="primary" onClick={scan}>
        {label}
      </Button>
    </View>
  );
}

/** In the mini-program, a scanned code opens its page: a community code (R…) to report, an activity code (A…) to check in. */
function scan() {
  void Taro.scanCode({ onlyFromCamera: false }).then((res) => {
    const scene = decodeURIComponent(/scene=([^&]+)/.exec(res.path ?? res.result ?? '')?.[1] ?? '');
    if (scene.startsWith('R')) go(`/pages/checkin/enrol/index?scene=${encodeURIComponent(scene)}`);
    else if (scene.startsWith('A')) go(`/pages/checkin/scan/index?scene=${encodeURIComponent(scene)}`);
    else void Taro.showToast({ title: '不是红领的二维码', icon: 'none' });
  });
}
