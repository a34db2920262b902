import { View, Text } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useEffect } from 'react';
import type { Role } from '@shared/core/roles';
import { roleLabels } from '@shared/core/roles';
import type { TodoItem } from '@shared/org/org.contract';
import { call } from '../../api/call';
import { Page } from '../../components/page';
import { ErrorView, Loading } from '../../components/states';
import { useLoad } from '../../hooks/use-call';
import { useMe } from '../../hooks/use-me';
import { countdown } from '../../hooks/countdown';
import './index.css';

/** A cell of the home grid: its page, who sees it, its icon (a character on a colour) and the to-do count it shows. */
type Entry = { title: string; url: string; roles: Role[]; icon: string; tone: Tone; todo?: string };
type Tone = 'red' | 'orange' | 'blue' | 'green' | 'purple';

/** What each role can do; the home shows the cells the caller's roles open, once each. */
const entries: Entry[] = [
  { title: '消息', url: '/pages/inbox/index', roles: ['resident'], icon: '信', tone: 'red', todo: 'unread' },
  {
    title: '我的微心愿',
    url: '/pages/wish/mine/index',
    roles: ['resident'],
    icon: '愿',
    tone: 'orange',
    todo: 'wish.mine',
  },
  {
    title: '反映问题',
    url: '/pages/whistle/mine/index',
    roles: ['resident'],
    icon: '哨',
    tone: 'blue',
    todo: 'problem.rate',
  },
  { title: '心愿墙', url: '/pages/wish/wall/index', roles: ['member'], icon: '墙', tone: 'orange', todo: 'wish.open' },
  {
    title: '我认领的心愿',
    url: '/pages/wish/claims/index',
    roles: ['member'],
    icon: '领',
    tone: 'orange',
    todo: 'wish.claims',
  },
  { title: '社区活动', url: '/pages/checkin/activities/index', roles: ['member'], icon: '活', tone: 'red' },
  { title: '岗位认领', url: '/pages/checkin/posts/index', roles: ['member'], icon: '岗', tone: 'red' },
  { title: '我的服务', url: '/pages/checkin/service/index', roles: ['member'], icon: '服', tone: 'green' },
  { title: '我的积分', url: '/pages/points/mine/index', roles: ['member'], icon: '分', tone: 'green' },
  {
    title: '报到审核',
    url: '/pages/checkin/review/index',
    roles: ['stationAdmin', 'districtAdmin'],
    icon: '审',
    tone: 'red',
    todo: 'enrolment.review',
  },
  { title: '社区报到码', url: '/pages/checkin/code/index', roles: ['stationAdmin'], icon: '码', tone: 'red' },
  {
    title: '心愿审核',
    url: '/pages/wish/review/index',
    roles: ['stationAdmin', 'gridSecretary'],
    icon: '愿',
    tone: 'orange',
    todo: 'wish.review',
  },
  {
    title: '问题台账',
    url: '/pages/whistle/station/index',
    roles: ['stationAdmin'],
    icon: '账',
    tone: 'blue',
    todo: 'problem.station',
  },
  {
    title: '确认服务时长',
    url: '/pages/points/confirm/index',
    roles: ['unitLeader', 'stationAdmin', 'gridSecretary'],
    icon: '时',
    tone: 'green',
    todo: 'service.confirm',
  },
  {
    title: '单元心愿确认',
    url: '/pages/wish/unit/index',
    roles: ['unitLeader'],
    icon: '元',
    tone: 'orange',
    todo: 'wish.unit',
  },
  {
    title: '活动管理',
    url: '/pages/checkin/activities/index',
    roles: ['stationAdmin', 'gridSecretary'],
    icon: '活',
    tone: 'red',
  },
  {
    title: '岗位管理',
    url: '/pages/checkin/posts/index',
    roles: ['stationAdmin', 'gridSecretary'],
    icon: '岗',
    tone: 'red',
  },
  {
    title: '积分管理',
    url: '/pages/points/station/index',
    roles: ['stationAdmin'],
    icon: '分',
    tone: 'green',
    todo: 'order.pickup',
  },
  {
    title: '吹哨报到',
    url: '/pages/whistle/department/index',
    roles: ['department'],
    icon: '哨',
    tone: 'blue',
    todo: 'whistle.department',
  },
  {
    title: '报到回执',
    url: '/pages/checkin/receipts/index',
    roles: ['orgAdmin', 'districtAdmin'],
    icon: '执',
    tone: 'purple',
    todo: 'enrolment.org',
  },
  { title: '党员半年履责', url: '/pages/checkin/org-half-year/index', roles: ['orgAdmin'], icon: '责', tone: 'purple' },
  {
    title: '社区设置',
    url: '/pages/org/settings/index',
    roles: ['stationAdmin', 'districtAdmin'],
    icon: '设',
    tone: 'blue',
  },
  {
    title: '人员与身份',
    url: '/pages/org/people/index',
    roles: ['stationAdmin', 'districtAdmin'],
    icon: '人',
    tone: 'red',
    todo: 'invite.decide',
  },
  {
    title: '组织架构',
    url: '/pages/org/tree/index',
    roles: ['districtAdmin', 'stationAdmin'],
    icon: '架',
    tone: 'blue',
  },
  {
    title: '结对共建',
    url: '/pages/org/pairing/index',
    roles: ['orgAdmin', 'stationAdmin', 'districtAdmin'],
    icon: '结',
    tone: 'purple',
    todo: 'pairing.todo',
  },
  {
    title: '社区统计',
    url: '/pages/dashboard/station/index',
    roles: ['stationAdmin'],
    icon: '统',
    tone: 'green',
  },
  {
    title: '本单位统计',
    url: '/pages/dashboard/org/index',
    roles: ['orgAdmin'],
    icon: '统',
    tone: 'green',
  },
  {
    title: '全区统计',
    url: '/pages/dashboard/district/index',
    roles: ['districtAdmin'],
    icon: '统',
    tone: 'green',
  },
  {
    title: '节假日安排',
    url: '/pages/org/calendar/index',
    roles: ['districtAdmin'],
    icon: '历',
    tone: 'purple',
    todo: 'calendar.enter',
  },
  {
    title: '吹哨报到统计',
    url: '/pages/whistle/stats/index',
    roles: ['districtAdmin'],
    icon: '统',
    tone: 'blue',
    todo: 'whistle.overdue',
  },
  {
    title: '数据导出',
    url: '/pages/dashboard/exports/index',
    roles: ['districtAdmin', 'stationAdmin', 'orgAdmin', 'department'],
    icon: '表',
    tone: 'green',
  },
];

function go(url: string) {
  void Taro.navigateTo({ url });
}

/** The unread count on the 首页 tab (where 消息 is), or none. */
function showUnread(unread: number) {
  const done = () => undefined;
  if (unread > 0) void Taro.setTabBarBadge({ index: 0, text: unread > 99 ? '99+' : String(unread) }).catch(done);
  else void Taro.removeTabBarBadge({ index: 0 }).catch(done);
}

/** What waits for the person, nearest deadline first: tap to go and do it. */
function TodoList({ items }: { items: TodoItem[] }) {
  const waiting = items.filter((i) => i.count > 0).sort((a, b) => (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9'));
  if (!waiting.length)
    return (
      <View className="card todo-empty" data-testid="todo-empty">
        <Text className="hint">暂无待办事项</Text>
      </View>
    );
  return (
    <View className="card todo" data-testid="todo">
      <View className="card-title">待办</View>
      {waiting.map((i) => {
        const left = i.dueAt ? countdown(i.dueAt) : null;
        return (
          <View
            key={i.key}
            className="todo-item"
            role="link"
            data-testid="todo-item"
            data-key={i.key}
            onClick={() => go(`/${i.page}`)}
          >
            <View className="todo-label">{i.label}</View>
            {left ? <View className={`todo-due ${left.urgent ? 'todo-urgent' : ''}`}>{left.text}</View> : null}
            <View className="todo-count">{i.count}</View>
            <View className="todo-go" aria-hidden="true">
              ›
            </View>
          </View>
        );
      })}
    </View>
  );
}

export default function Index() {
  const me = useMe();
  const todo = useLoad(() => call('org', 'todo', {}), []);
  useDidShow(() => void todo.reload());
  usePullDownRefresh(() => void todo.reload());
  const unread = todo.state === 'ready' ? todo.data.unread : null;
  useEffect(() => {
    if (unread !== null) showUnread(unread);
  }, [unread]);
  if (me.state === 'loading') return <Loading />;
  if (me.state === 'error') return <ErrorView error={me.error} onRetry={me.reload} />;
  // Every identified person is a resident (居民) and may post wishes and report problems.
  const held = new Set<Role>(['resident', ...me.data.grants.map((g) => g.role)]);
  // One cell per page: a member who is also a station admin sees the management cell once.
  const mine = entries.filter(
    (e, i) =>
      e.roles.some((r) => held.has(r)) &&
      entries.findIndex((x) => x.url === e.url && x.roles.some((r) => held.has(r))) === i,
  );
  const counts = new Map<string, number>(
    todo.state === 'ready'
      ? [...todo.data.items.map((i) => [i.key, i.count] as const), ['unread', todo.data.unread]]
      : [],
  );
  // Someone with no role yet may be a party member who has not reported in: the way to do it.
  const newcomer = me.data.grants.length === 0;
  return (
    <Page>
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
      {todo.state === 'ready'
        ? todo.data.warnings.map((w) => (
            <View
              key={w}
              className="card home-warning"
              role="alert"
              data-testid="home-warning"
              onClick={() => go('/pages/org/calendar/index')}
            >
              {w}
            </View>
          ))
        : null}
      {todo.state === 'ready' ? <TodoList items={todo.data.items} /> : null}
      <View className="home-grid" data-testid="home-grid">
        {mine.map((e) => {
          const count = e.todo ? (counts.get(e.todo) ?? 0) : 0;
          return (
            <View
              key={e.url}
              className="home-cell"
              role="link"
              data-testid="home-cell"
              data-title={e.title}
              onClick={() => go(e.url)}
            >
              <View className={`home-icon tone-${e.tone}`} aria-hidden="true">
                {e.icon}
                {count ? (
                  <View className="home-badge" data-testid="home-badge">
                    {count > 99 ? '99+' : count}
                  </View>
                ) : null}
              </View>
              <View className="home-label">{e.title}</View>
            </View>
          );
        })}
      </View>
      {newcomer ? (
        <View className="card">
          <View className="card-title">在职党员到社区报到</View>
          <View className="hint">在职党员请扫描居住社区红领工作站的报到码，填写信息后等待工作站审核。</View>
          <ScanButton label="扫码报到" />
        </View>
      ) : held.has('member') ? (
        <View className="card">
          <View className="hint">参加活动时，扫描现场的签到码签到、签退。</View>
          <ScanButton label="扫码签到" />
        </View>
      ) : null}
    </Page>
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
