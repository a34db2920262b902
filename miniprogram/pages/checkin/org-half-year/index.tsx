import { View } from '@tarojs/components';
import { call } from '../../../api/call';
import { PagedList } from '../../../components/paged-list';
import { useListPage } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';

/** The employer organisation checks its members against the half-year rule. */
export default function OrgHalfYear() {
  useDevLoginGuard('pages/checkin/org-half-year/index');
  const list = useListPage((cursor) => call('checkin', 'orgHalfYear', { cursor, limit: 20 }), []);
  return (
    <Page title="党员半年履责">
      <View className="section-title">每名党员每半年至少参加1次服务、认领1个岗位、项目或微心愿</View>
      <PagedList list={list} empty={{ title: '本单位暂无党员记录' }}>
        {(m) => (
          <View key={m.name + m.phone} className="list-item" data-testid="member-record" data-name={m.name}>
            <View className="row">
              <View className="card-title">{m.name}</View>
              <View className={`tag ${m.record.met ? 'tag-approved' : 'tag-pending'}`}>
                {m.record.met ? '已达标' : '未达标'}
              </View>
            </View>
            <View className="list-line">
              {m.phone} · {m.communityName ?? '未报到'}
            </View>
            <View className="list-line">
              {m.record.label}：服务{m.record.services}次，认领{m.record.claims}项
            </View>
            {m.record.missing.map((x) => (
              <View key={x} className="missing">
                还需：{x}
              </View>
            ))}
          </View>
        )}
      </PagedList>
    </Page>
  );
}
