import { Image, Text, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import { beijing } from '@shared/core/time';
import { countdown } from '../hooks/countdown';
import type { WishView } from '@shared/wish/wish.contract';
import { wishStatusLabels, type WishStatus } from '@shared/wish/wish.rules';
import { Clamp } from './clamp';

const tone: Record<WishStatus, string> = {
  pending_review: 'tag-pending',
  open: 'tag-role',
  claimed: 'tag-pending',
  fulfilled: 'tag-pending',
  confirmed: 'tag-approved',
  rejected: 'tag-rejected',
  cancelled: 'tag-other',
};

/** A wish with what its reader may see, its history on demand, and the actions the page passes in. */
export function WishCard({ wish, children }: { wish: WishView; children?: ReactNode }) {
  const [showHistory, setShowHistory] = useState(false);
  return (
    <View className="list-item" data-testid="wish" data-title={wish.title}>
      <View className="row">
        <View className="card-title">{wish.title}</View>
        <Text className={`tag ${tone[wish.status]}`}>{wishStatusLabels[wish.status]}</Text>
      </View>
      <Clamp text={wish.description} testid="wish-description" />
      {wish.photo ? <Image className="wish-photo" src={wish.photo} mode="aspectFill" data-testid="wish-photo" /> : null}
      <View className="list-line">
        {wish.category} · {wish.communityName}
        {wish.gridName} {wish.unitName} · {wish.points}积分
      </View>
      {wish.residentName ? (
        <View className="list-line">
          心愿人：{wish.residentName}
          {wish.residentPhone ? ` · ${wish.residentPhone}` : ''}
        </View>
      ) : wish.residentPhone ? (
        <View className="list-line" data-testid="resident-phone">
          联系电话：{wish.residentPhone}
          {wish.residentPhone.includes('*') ? '（居民未公开完整号码，可请社区转达）' : '（居民同意您致电）'}
        </View>
      ) : null}
      {wish.claimantName ? (
        <View className="list-line">
          认领党员：{wish.claimantName}
          {wish.claimExpiresAt
            ? `（请于${beijing(wish.claimExpiresAt, 'MM月DD日')}前完成，${countdown(wish.claimExpiresAt).text}）`
            : ''}
        </View>
      ) : null}
      {wish.fulfilNote ? <View className="list-line">完成情况：{wish.fulfilNote}</View> : null}
      {wish.fulfilPhoto ? <Image className="wish-photo" src={wish.fulfilPhoto} mode="aspectFill" /> : null}
      {wish.reason ? <View className="list-line">原因：{wish.reason}</View> : null}
      {wish.thanks ? <View className="list-line">居民感谢：{wish.thanks}</View> : null}
      <View className="list-line">发布：{beijing(wish.createdAt)}</View>
      {wish.history.length > 0 ? (
        <View className="link" role="button" onClick={() => setShowHistory(!showHistory)}>
          {showHistory ? '收起进展' : '查看进展'}
        </View>
      ) : null}
      {showHistory
        ? wish.history.map((h, i) => (
            <View key={i} className="list-line">
              {beijing(h.at, 'MM-DD HH:mm')} {h.by} → {wishStatusLabels[h.to as WishStatus] ?? h.to}
              {h.note ? `：${h.note}` : ''}
            </View>
          ))
        : null}
      {children}
    </View>
  );
}
