/** 13812341234 → 138****1234 (个人信息保护法: show the full number only to those who need it). */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
