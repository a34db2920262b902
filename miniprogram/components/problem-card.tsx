import { Image, Text, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import { beijing } from '@shared/core/time';
import { countdown } from '../hooks/countdown';
import type { ProblemView } from '@shared/whistle/whistle.contract';
import { problemStatusLabels, type ProblemStatus } from '@shared/whistle/whistle.rules';
import { Clamp } from './clamp';

const tone = (s: ProblemStatus) =>
  ['closed', 'confirmed'].includes(s)
    ? 'tag-approved'
    : ['declined', 'duplicate'].includes(s)
      ? 'tag-other'
      : s === 'returned' || s === 'reopened'
        ? 'tag-rejected'
        : 'tag-pending';

/** A problem report with its departments and deadlines, and its timeline on demand. */
/** A whistle still waiting for its department's feedback (the view's labels): its deadline counts down. */
const waiting = ['待报到', '已报到'];

export function ProblemCard({ problem: p, children }: { problem: ProblemView; children?: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <View className="list-item" data-testid="problem" data-id={p.id}>
      <View className="row">
        <View className="card-title">{p.category}</View>
        <Text className={`tag ${tone(p.status)}`}>{problemStatusLabels[p.status]}</Text>
      </View>
      <Clamp text={p.description} testid="problem-description" />
      {p.photos.map((src) => (
        <Image key={src} className="wish-photo" src={src} mode="aspectFill" />
      ))}
      <View className="list-line">
        {p.communityName} {p.place}
        {p.meToo ? ` · ${p.meToo}人也遇到` : ''}
      </View>
      {p.reporterName ? (
        <View className="list-line">
          反映人：{p.reporterName}
          {p.reporterPhone ? ` · ${p.reporterPhone}` : ''}
        </View>
      ) : null}
      {p.departments.map((d) => (
        <View key={d.id} className="list-line" data-testid="department">
          {d.lead ? '牵头：' : '协办：'}
          {d.name} · {d.status} · 限{beijing(d.deadlineAt, 'MM-DD HH:mm')}前反馈
          {d.deadlineEstimated ? '（节假日未录入，按周末推算）' : ''}
          {d.overdue ? ' · 已超期' : waiting.includes(d.status) ? ` · ${countdown(d.deadlineAt).text}` : ''}
        </View>
      ))}
      {p.result ? <View className="list-line">处理结果：{p.result}</View> : null}
      {p.resultPhotos.map((src) => (
        <Image key={src} className="wish-photo" src={src} mode="aspectFill" />
      ))}
      {p.rating ? <View className="list-line">居民评价：{p.rating === 'satisfied' ? '满意' : '不满意'}</View> : null}
      <View className="list-line">反映时间：{beijing(p.createdAt)}</View>
      <View className="link" role="button" onClick={() => setOpen(!open)}>
        {open ? '收起进展' : '查看进展'}
      </View>
      {open
        ? p.timeline.map((t, i) => (
            <View key={i} className="list-line">
              {beijing(t.at, 'MM-DD HH:mm')} {t.by} → {problemStatusLabels[t.to as ProblemStatus] ?? t.to}
              {t.note ? `：${t.note}` : ''}
            </View>
          ))
        : null}
      {children}
    </View>
  );
}
