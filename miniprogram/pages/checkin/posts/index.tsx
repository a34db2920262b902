import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { call, type Output } from '../../../api/call';
import { PagedList, Tabs } from '../../../components/paged-list';
import { useListPage } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { useRoles } from '../../../hooks/use-roles';
import { Page } from '../../../components/page';
import { Clamp } from '../../../components/clamp';
import { confirmFirst } from '../../../hooks/confirm';

type Post = Output<'checkin', 'listPosts'>['items'][number];

function PostItem({ post, canClaim, onChange }: { post: Post; canClaim: boolean; onChange: (p: Post) => void }) {
  const [busy, setBusy] = useState(false);
  const act = async (action: 'claimPost' | 'releasePost') => {
    if (
      action === 'releasePost' &&
      !(await confirmFirst({ title: '放弃岗位', content: `放弃「${post.name}」？名额将让给其他党员。` }))
    )
      return;
    setBusy(true);
    try {
      const res = await call('checkin', action, { postId: post.id });
      onChange(res.post);
      void Taro.showToast({ title: action === 'claimPost' ? '认领成功' : '已放弃该岗位', icon: 'none' });
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  const full = post.taken >= post.capacity;
  return (
    <View className="list-item" data-testid="post" data-name={post.name}>
      <View className="row">
        <View className="card-title">{post.name}</View>
        <View className={`tag ${post.mine ? 'tag-approved' : full ? 'tag-other' : 'tag-pending'}`}>
          {post.mine ? '已认领' : full ? '已满' : `余${post.capacity - post.taken}个`}
        </View>
      </View>
      <Clamp text={post.duty} />
      <View className="list-line">
        {[post.gridName, post.unitName].filter(Boolean).join(' ') || '全社区'} · 名额 {post.taken}/{post.capacity}
      </View>
      <View className="list-line">
        {post.startDate} 至 {post.endDate}
      </View>
      {canClaim ? (
        <View className="actions">
          {post.mine ? (
            <Button disabled={busy} onClick={() => void act('releasePost')}>
              放弃岗位
            </Button>
          ) : (
            <Button type="primary" disabled={busy || full} onClick={() => void act('claimPost')}>
              {full ? '名额已满' : '认领岗位'}
            </Button>
          )}
        </View>
      ) : null}
    </View>
  );
}

/** Members claim posts of their community; the station and grid secretaries set them up. */
export default function Posts() {
  useDevLoginGuard('pages/checkin/posts/index');
  const { has } = useRoles();
  const [status, setStatus] = useState<'open' | 'closed'>('open');
  const list = useListPage((cursor) => call('checkin', 'listPosts', { status, cursor, limit: 20 }), [status]);
  return (
    <Page title="岗位认领">
      <Tabs
        tabs={[
          { value: 'open' as const, label: '认领中' },
          { value: 'closed' as const, label: '已结束' },
        ]}
        value={status}
        onChange={setStatus}
      />
      {has('stationAdmin', 'gridSecretary') ? (
        <View className="float-action">
          <Button type="primary" block onClick={() => void Taro.navigateTo({ url: '/pages/checkin/post-edit/index' })}>
            设置新岗位
          </Button>
        </View>
      ) : null}
      <PagedList list={list} empty={{ title: '暂无岗位', hint: '社区设置岗位后会显示在这里' }}>
        {(post) => (
          <PostItem
            key={post.id}
            post={post}
            canClaim={has('member')}
            onChange={(p) => list.setItems((old) => old.map((x) => (x.id === p.id ? p : x)))}
          />
        )}
      </PagedList>
    </Page>
  );
}
