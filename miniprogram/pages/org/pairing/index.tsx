import { Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { beijingDate, beijingDeadline } from '@shared/core/time';
import type { PairingView } from '@shared/org/pairing.contract';
import { pairingStatusLabels, VISITS_PER_YEAR, type PairingStatus } from '@shared/org/pairing.rules';
import { call, CallError } from '../../../api/call';
import { newRequestId } from '../../../api/request-id';
import { PickerField, TextField, useFieldErrors } from '../../../components/form';
import { OptionField } from '../../../components/option-field';
import { Page } from '../../../components/page';
import { PagedList, Tabs } from '../../../components/paged-list';
import { PhotoPicker } from '../../../components/photo-picker';
import { Empty, ErrorView, Loading } from '../../../components/states';
import { confirmFirst } from '../../../hooks/confirm';
import { useListPage, useLoad } from '../../../hooks/use-call';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { useRoles } from '../../../hooks/use-roles';

const toast = (title: string) => void Taro.showToast({ title, icon: 'none' });
const today = () => beijingDate(new Date());

const tone: Record<PairingStatus, string> = {
  waiting: 'tag-pending',
  requested: 'tag-pending',
  paired: 'tag-approved',
};

/** One pairing's facts: its state, its deadline while it runs, and this year's visits against the goal. */
function PairingFacts({ p }: { p: PairingView }) {
  return (
    <View>
      <View className="row">
        <View className="card-title">{p.orgName}</View>
        <View className={`tag ${p.overdue ? 'tag-rejected' : tone[p.status]}`}>
          {p.overdue ? '已超期' : pairingStatusLabels[p.status]}
        </View>
      </View>
      {p.communityName ? <View className="list-line">结对社区：{p.communityName}</View> : null}
      {p.status !== 'paired' ? <View className="list-line">结对期限：{beijingDeadline(p.deadlineAt)}</View> : null}
      {p.reason ? <View className="list-line">社区未接受：{p.reason}</View> : null}
      {p.status === 'paired' ? (
        <View className="list-line" data-testid="visit-count">
          {p.year}年到社区服务 {p.visits}/{VISITS_PER_YEAR} 次，解决实际问题 {p.problemsSolved} 个
        </View>
      ) : null}
    </View>
  );
}

function Visits({ pairingId }: { pairingId: string }) {
  const visits = useLoad(() => call('org', 'pairingVisits', { pairingId }), [pairingId]);
  if (visits.state !== 'ready') return null;
  if (!visits.data.items.length) return <View className="hint">还没有服务记录</View>;
  return (
    <View>
      {visits.data.items.map((v) => (
        <View key={v.id} className="list-line" data-testid="visit">
          {v.date}：{v.membersPresent}人到场，解决问题{v.problemsSolved}个。{v.note}
          {v.photos.map((src) => (
            <Image key={src} src={src} className="wish-photo" mode="aspectFill" />
          ))}
        </View>
      ))}
    </View>
  );
}

/** The organisation's view: pick the community and ask; once paired, log each visit. */
function Organisation() {
  const mine = useLoad(() => call('org', 'pairings', { limit: 1 }), []);
  const places = useLoad(() => call('org', 'places', {}), []);
  const [communityId, setCommunityId] = useState('');
  const [date, setDate] = useState(today());
  const [members, setMembers] = useState('');
  const [solved, setSolved] = useState('0');
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<string | null>(null);
  const [requestId, setRequestId] = useState(newRequestId);
  const { errors, setErrors, edit } = useFieldErrors();
  const [busy, setBusy] = useState(false);
  if (mine.state === 'loading') return <Loading />;
  if (mine.state === 'error') return <ErrorView error={mine.error} onRetry={mine.reload} />;
  const p = mine.data.items[0];
  if (!p) return <Empty title="暂无结对通知" hint="区委组织部发布结对共建通知后，在这里选择结对社区" />;
  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      toast(done);
      await mine.reload();
    } catch (e) {
      if (e instanceof CallError) setErrors(e.fields);
      toast((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View>
      <View className="card" data-testid="my-pairing" data-status={p.status}>
        <View className="hint">{p.noticeTitle}</View>
        <PairingFacts p={p} />
      </View>
      {p.status === 'waiting' ? (
        <View className="card" data-testid="pairing-request">
          <View className="card-title">选择结对社区</View>
          <View className="hint">一般为本单位所在的社区。提交后由该社区红领工作站确认。</View>
          <OptionField
            label="社区"
            placeholder="请选择社区"
            options={places.data?.communities ?? []}
            value={communityId}
            onChange={edit('communityId', setCommunityId)}
            error={errors.communityId}
            testid="pick-community"
          />
          <View className="submit">
            <Button
              type="primary"
              block
              loading={busy}
              disabled={busy}
              onClick={() =>
                communityId
                  ? void run(
                      () => call('org', 'requestPairing', { pairingId: p.id, communityId }),
                      '已提交，等待社区确认',
                    )
                  : setErrors({ communityId: '请选择社区' })
              }
            >
              申请结对
            </Button>
          </View>
        </View>
      ) : null}
      {p.status === 'requested' ? <View className="card hint">已提交，等待{p.communityName}确认。</View> : null}
      {p.status === 'paired' ? (
        <View className="card" data-testid="visit-form">
          <View className="card-title">登记到社区服务</View>
          <PickerField
            label="服务日期"
            mode="date"
            end={today()}
            value={date}
            onChange={setDate}
            testid="visit-date"
            error={errors.date}
          />
          <TextField
            label="到场党员人数"
            name="membersPresent"
            type="number"
            value={members}
            onInput={edit('membersPresent', setMembers)}
            error={errors.membersPresent}
          />
          <TextField
            label="解决实际问题（个）"
            name="problemsSolved"
            type="number"
            value={solved}
            onInput={edit('problemsSolved', setSolved)}
            error={errors.problemsSolved}
          />
          <TextField
            label="服务内容"
            name="note"
            value={note}
            onInput={edit('note', setNote)}
            error={errors.note}
            limit={500}
            multiline
          />
          <PhotoPicker value={photo} onChange={setPhoto} />
          <View className="submit">
            <Button
              type="primary"
              block
              loading={busy}
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await call('org', 'logVisit', {
                    requestId,
                    pairingId: p.id,
                    date,
                    membersPresent: Number(members),
                    problemsSolved: Number(solved),
                    note: note.trim(),
                    photos: photo ? [photo] : [],
                  });
                  setRequestId(newRequestId());
                  setNote('');
                  setMembers('');
                  setPhoto(null);
                }, '已登记')
              }
            >
              登记
            </Button>
          </View>
          <View className="section-title">服务记录</View>
          {/* Read again when a visit was logged (the count moved). */}
          <Visits key={p.visits} pairingId={p.id} />
        </View>
      ) : null}
      <View className="card">
        <View className="card-title">本单位党员</View>
        <View className="actions">
          <Button onClick={() => void Taro.navigateTo({ url: '/pages/checkin/receipts/index' })}>报到回执</Button>
          <Button onClick={() => void Taro.navigateTo({ url: '/pages/checkin/org-half-year/index' })}>半年履责</Button>
        </View>
      </View>
    </View>
  );
}

/** The station's view: organisations that asked to pair (accept, or decline with a reason), and those paired. */
function Station() {
  const [status, setStatus] = useState<PairingStatus>('requested');
  const list = useListPage((cursor) => call('org', 'pairings', { status, cursor, limit: 20 }), [status]);
  const [declining, setDeclining] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const decide = async (p: PairingView, decision: 'accept' | 'decline') => {
    if (
      decision === 'accept' &&
      !(await confirmFirst({ title: '接受结对', content: `与${p.orgName}结对共建？`, confirmText: '接受' }))
    )
      return;
    try {
      const r = await call('org', 'decidePairing', {
        pairingId: p.id,
        decision,
        ...(decision === 'decline' ? { reason: reason.trim() } : {}),
      });
      toast(decision === 'accept' ? '已结对' : '已回复');
      setDeclining(null);
      list.setItems((old) => old.filter((x) => x.id !== r.pairing.id));
    } catch (e) {
      toast((e as Error).message);
    }
  };
  return (
    <View>
      <Tabs
        tabs={[
          { value: 'requested' as PairingStatus, label: '待确认' },
          { value: 'paired' as PairingStatus, label: '已结对' },
        ]}
        value={status}
        onChange={setStatus}
      />
      <PagedList list={list} empty={{ title: status === 'requested' ? '暂无结对申请' : '暂无结对单位' }}>
        {(p) => (
          <View key={p.id} className="list-item" data-testid="pairing" data-org={p.orgName}>
            <PairingFacts p={p} />
            {p.status === 'requested' && declining === p.id ? (
              <View className="inline-form">
                <TextField label="不接受的原因" name="reason" value={reason} onInput={setReason} limit={100} />
                <View className="actions">
                  <Button onClick={() => setDeclining(null)}>取消</Button>
                  <Button type="danger" disabled={reason.trim().length < 2} onClick={() => void decide(p, 'decline')}>
                    确认不接受
                  </Button>
                </View>
              </View>
            ) : p.status === 'requested' ? (
              <View className="actions">
                <Button onClick={() => setDeclining(p.id)}>不接受</Button>
                <Button type="primary" onClick={() => void decide(p, 'accept')}>
                  接受结对
                </Button>
              </View>
            ) : (
              <Visits pairingId={p.id} />
            )}
          </View>
        )}
      </PagedList>
    </View>
  );
}

/** The district's view: issue a notice; every organisation's state under each notice. */
function District() {
  const notices = useLoad(() => call('org', 'pairingNotices', {}), []);
  const [issuing, setIssuing] = useState(false);
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(today());
  const [requestId] = useState(newRequestId);
  const { errors, setErrors, edit } = useFieldErrors();
  const [chosen, setChosen] = useState<string | null>(null);
  const [status, setStatus] = useState<PairingStatus | undefined>(undefined);
  const noticeId = chosen ?? notices.data?.items[0]?.id ?? null;
  const list = useListPage(
    (cursor) =>
      noticeId
        ? call('org', 'pairings', { noticeId, ...(status ? { status } : {}), cursor, limit: 30 })
        : Promise.resolve({ items: [], next: null }),
    [noticeId, status],
  );
  const issue = async () => {
    const sure = await confirmFirst({
      title: '发布结对通知',
      content: '发布后，全区各报到单位将收到通知，须在5个工作日内与社区结对。',
      confirmText: '发布',
    });
    if (!sure) return;
    try {
      const r = await call('org', 'issuePairingNotice', { requestId, title: title.trim(), date });
      toast('已发布');
      setIssuing(false);
      setChosen(r.notice.id);
      await notices.reload();
    } catch (e) {
      if (e instanceof CallError) setErrors(e.fields);
      toast((e as Error).message);
    }
  };
  if (notices.state === 'loading') return <Loading />;
  if (notices.state === 'error') return <ErrorView error={notices.error} onRetry={notices.reload} />;
  const current = notices.data.items.find((n) => n.id === noticeId);
  return (
    <View>
      {issuing ? (
        <View className="card" data-testid="notice-form">
          <View className="card-title">发布结对通知</View>
          <TextField
            label="通知名称"
            name="title"
            value={title}
            onInput={edit('title', setTitle)}
            error={errors.title}
            limit={50}
          />
          <PickerField
            label="通知日期"
            mode="date"
            value={date}
            onChange={setDate}
            testid="notice-date"
            error={errors.date}
          />
          <View className="actions">
            <Button onClick={() => setIssuing(false)}>取消</Button>
            <Button type="primary" onClick={() => void issue()}>
              发布
            </Button>
          </View>
        </View>
      ) : (
        <View className="submit">
          <Button type="primary" block onClick={() => setIssuing(true)}>
            发布结对通知
          </Button>
        </View>
      )}
      {notices.data.items.length > 1 ? (
        <OptionField
          label="结对通知"
          placeholder="请选择"
          options={notices.data.items.map((n) => ({ id: n.id, name: `${n.date} ${n.title}` }))}
          value={noticeId ?? ''}
          onChange={setChosen}
          testid="pick-notice"
        />
      ) : null}
      {current ? (
        <View className="card" data-testid="notice-summary">
          <View className="card-title">{current.title}</View>
          <View className="list-line">结对期限：{beijingDeadline(current.deadlineAt)}</View>
          <View className="list-line">
            已结对 {current.counts.paired}，待社区确认 {current.counts.requested}，待结对 {current.counts.waiting}
            {current.counts.overdue ? `，已超期 ${current.counts.overdue}` : ''}
          </View>
        </View>
      ) : (
        <Empty title="暂无结对通知" />
      )}
      {current ? (
        <View>
          <Tabs
            tabs={[
              { value: undefined as PairingStatus | undefined, label: '全部' },
              { value: 'waiting' as PairingStatus, label: '待结对' },
              { value: 'requested' as PairingStatus, label: '待确认' },
              { value: 'paired' as PairingStatus, label: '已结对' },
            ]}
            value={status}
            onChange={setStatus}
          />
          <PagedList list={list} empty={{ title: '暂无' }}>
            {(p) => (
              <View key={p.id} className="list-item" data-testid="pairing" data-org={p.orgName}>
                <PairingFacts p={p} />
              </View>
            )}
          </PagedList>
        </View>
      ) : null}
    </View>
  );
}

/** 结对共建: the district's notices, the organisations' pairing and visits, the stations' confirmations. */
export default function Pairing() {
  useDevLoginGuard('pages/org/pairing/index');
  const { me, has } = useRoles();
  return (
    <Page title="结对共建">
      {me.state === 'loading' ? (
        <Loading />
      ) : has('districtAdmin') ? (
        <District />
      ) : has('stationAdmin') ? (
        <Station />
      ) : has('orgAdmin') ? (
        <Organisation />
      ) : (
        <Empty title="结对共建由报到单位、社区和区委组织部使用" />
      )}
    </Page>
  );
}
