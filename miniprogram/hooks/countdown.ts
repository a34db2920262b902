/** How long until a deadline, in words a person reads at a glance: 还剩2天3小时, 还剩45分钟, 已超时. */
export function countdown(dueAt: string, now = Date.now()): { text: string; urgent: boolean } {
  const ms = Date.parse(dueAt) - now;
  if (!(ms > 0)) return { text: '已超时', urgent: true };
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const text =
    days > 0
      ? `还剩${days}天${hours ? `${hours}小时` : ''}`
      : hours > 0
        ? `还剩${hours}小时`
        : `还剩${Math.max(1, minutes)}分钟`;
  // Within a day: shown as urgent.
  return { text, urgent: ms < 86400_000 };
}
