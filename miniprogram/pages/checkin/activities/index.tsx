import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { activityPhaseLabels } from '@shared/checkin/activity.rules';
import { beijing } from '@shared/core/time';
import { call } from '../../../api/call';
import { PagedList, Tabs } from '../../../components/paged-list';
import { useListPage } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { useRoles } from '../../../hooks/use-roles';
import { Page } from '../../../components/page';

/** Upcoming activities of the community (主题党日, volunteer days); tap one for details and its code. */
export default function Activities() {
  useDevLoginGuard('pages/checkin/activities/index');
  const { has } = useRoles();
  const [status, setStatus] = useState<'open' | 'closed'>('open');
  const list = useListPage((cursor) => call('checkin', 'listActivities', { status, cursor, limit: 20 }), [status]);
  return (
    <Page title="社区活动">
      <Tabs
        tabs={[
          { value: 'open' as const, label: '开放中' },
          { value: 'closed' as const, label: '已关闭' },
        ]}
        value={status}
        onChange={setStatus}
      />
      {has('stationAdmin', 'gridSecretary') ? (
        <View className="float-action">
          <Button
            type="primary"
            block
            onClick={() => void Taro.navigateTo({ url: '/pages/checkin/activity-edit/index' })}
          >
            发布活动
          </Button>
        </View>
      ) : null}
      <PagedList list={list} empty={{ title: '暂无活动', hint: '社区发布活动后会显示在这里' }}>
        {(a) => (
          <View
            key={a.id}
            className="list-item"
            data-testid="activity"
            data-title={a.title}
            onClick={() => void Taro.navigateTo({ url: `/pages/checkin/activity/index?id=${a.id}` })}
          >
            <View className="row">
              <View className="card-title">{a.title}</View>
              {a.mySignUp ? (
                <View className="tag tag-approved">已报名</View>
              ) : (
                <View className={`tag ${a.phase === 'ongoing' ? 'tag-approved' : 'tag-other'}`}>
                  {activityPhaseLabels[a.phase]}
                </View>
              )}
            </View>
            <View className="list-line">
              {beijing(a.startAt, 'MM月DD日 HH:mm')} - {beijing(a.endAt, 'HH:mm')}
            </View>
            <View className="list-line">{a.place}</View>
            <View className="list-line">
              报名 {a.signed}/{a.capacity} · 组织：{a.organiserName}
            </View>
          </View>
        )}
      </PagedList>
    </Page>
  );
}
