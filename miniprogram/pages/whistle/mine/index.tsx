import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { ProblemView } from '@shared/whistle/whistle.contract';
import { call } from '../../../api/call';
import { NoteAction } from '../../../components/note-action';
import { PagedList } from '../../../components/paged-list';
import { ProblemCard } from '../../../components/problem-card';
import { runAction } from '../../../hooks/use-action';
import { useListPage } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';
import { limits } from '../../../components/limits';

/** A resident follows their reports on a timeline and rates the result (not satisfied reopens it). */
export default function MyProblems() {
  useDevLoginGuard('pages/whistle/mine/index');
  const list = useListPage((cursor) => call('report', 'myProblems', { cursor, limit: 20 }), []);
  const replace = (p: ProblemView | null | undefined) =>
    p && list.setItems((old) => old.map((x) => (x.id === p.id ? p : x)));
  return (
    <Page title="我反映的问题">
      <View className="float-action">
        <Button type="primary" block onClick={() => void Taro.navigateTo({ url: '/pages/whistle/new/index' })}>
          反映新问题
        </Button>
      </View>
      <PagedList
        list={list}
        empty={{ title: '还没有反映过问题', hint: '身边的环境卫生、设施损坏、安全隐患等问题，都可以在这里反映' }}
      >
        {(p) => (
          <ProblemCard key={p.id} problem={p}>
            {p.status === 'confirmed' ? (
              <View className="actions">
                <NoteAction
                  label="不满意"
                  placeholder="哪里还没解决（选填）"
                  confirm="提交评价"
                  limit={limits.problemComment}
                  danger
                  optional
                  onSubmit={(comment) =>
                    runAction(
                      () =>
                        call('report', 'rate', { problemId: p.id, satisfied: false, ...(comment ? { comment } : {}) }),
                      '已提交，社区将重新处理',
                    ).then((r) => void replace(r?.problem))
                  }
                />
                <Button
                  type="primary"
                  onClick={() =>
                    void runAction(
                      () => call('report', 'rate', { problemId: p.id, satisfied: true }),
                      '感谢您的评价',
                    ).then((r) => replace(r?.problem))
                  }
                >
                  满意
                </Button>
              </View>
            ) : null}
          </ProblemCard>
        )}
      </PagedList>
    </Page>
  );
}
