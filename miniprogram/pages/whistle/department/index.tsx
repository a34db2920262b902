import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import type { ProblemView } from '@shared/whistle/whistle.contract';
import { call } from '../../../api/call';
import { NoteAction } from '../../../components/note-action';
import { PagedList, Tabs } from '../../../components/paged-list';
import { ProblemCard } from '../../../components/problem-card';
import { TextPhotosAction } from '../../../components/text-photos-action';
import { runAction } from '../../../hooks/use-action';
import { useListPage } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';
import { limits } from '../../../components/limits';

/** A department answers the whistles addressed to it: 报到, progress, the result, or "not ours". */
export default function DepartmentWhistles() {
  useDevLoginGuard('pages/whistle/department/index');
  const [open, setOpen] = useState(true);
  const list = useListPage((cursor) => call('report', 'departmentWhistles', { open, cursor, limit: 20 }), [open]);
  const replace = (p: ProblemView | null | undefined) =>
    p && list.setItems((old) => old.map((x) => (x.id === p.id ? p : x)));
  const drop = (id: string) => list.setItems((old) => old.filter((x) => x.id !== id));
  return (
    <Page title="吹哨报到">
      <Tabs
        tabs={[
          { value: true, label: '待办' },
          { value: false, label: '已办' },
        ]}
        value={open}
        onChange={setOpen}
      />
      <PagedList list={list} empty={{ title: open ? '暂无待办的吹哨' : '暂无记录' }}>
        {(p) => (
          <ProblemCard key={p.id} problem={p}>
            {open && p.status === 'whistled' ? (
              <View className="actions">
                <NoteAction
                  label="非本部门"
                  placeholder="应由哪个单位处理"
                  confirm="退回社区"
                  limit={limits.problemBelongsTo}
                  danger
                  onSubmit={(belongsTo) =>
                    runAction(() => call('report', 'notOurs', { problemId: p.id, belongsTo }), '已退回').then(
                      (r) => void (r && drop(p.id)),
                    )
                  }
                />
                <Button
                  type="primary"
                  onClick={() =>
                    void runAction(() => call('report', 'acknowledge', { problemId: p.id }), '已报到').then((r) =>
                      replace(r?.problem),
                    )
                  }
                >
                  报到
                </Button>
              </View>
            ) : null}
            {open && p.status === 'acknowledged' ? (
              <View className="actions" style={{ flexWrap: 'wrap' }}>
                <NoteAction
                  label="反馈进展"
                  placeholder="目前的处理进展"
                  confirm="提交"
                  limit={limits.problemProgress}
                  onSubmit={(note) =>
                    runAction(() => call('report', 'addProgress', { problemId: p.id, note }), '已反馈进展').then(
                      (r) => void replace(r?.problem),
                    )
                  }
                />
                <TextPhotosAction
                  label="反馈结果"
                  placeholder="处理结果"
                  confirm="提交结果"
                  limit={limits.problemResult}
                  onSubmit={(result, photos) =>
                    runAction(() => call('report', 'respond', { problemId: p.id, result, photos }), '已反馈结果').then(
                      (r) => void (r && drop(p.id)),
                    )
                  }
                />
              </View>
            ) : null}
          </ProblemCard>
        )}
      </PagedList>
    </Page>
  );
}
