import { checkinContract } from '@shared/checkin/checkin.contract';
import { errorMessages, messageFor } from '@shared/core/errors';
import { nameField, phoneField } from '@shared/core/fields';
import { maskPhone } from '@shared/core/mask';
import { grantCovers, type Grant, type Placement } from '@shared/core/roles';
import { beijing } from '@shared/core/time';

describe('grantCovers', () => {
  const place: Placement = {
    districtId: 'yj',
    communityId: 'huazhong',
    gridId: 'huazhongg1',
    unitId: 'huazhongg1u1',
    orgId: 'org1',
  };
  test.each<[Grant, Placement, boolean]>([
    [{ role: 'stationAdmin', scope: 'community', scopeId: 'huazhong' }, place, true],
    [{ role: 'stationAdmin', scope: 'community', scopeId: 'xiaosu' }, place, false],
    [{ role: 'gridSecretary', scope: 'grid', scopeId: 'huazhongg1' }, place, true],
    [{ role: 'gridSecretary', scope: 'grid', scopeId: 'huazhongg2' }, place, false],
    [{ role: 'unitLeader', scope: 'unit', scopeId: 'huazhongg1u1' }, place, true],
    [{ role: 'districtAdmin', scope: 'district', scopeId: 'yj' }, place, true],
    [{ role: 'districtAdmin', scope: 'district', scopeId: 'dg' }, place, false],
    [{ role: 'orgAdmin', scope: 'org', scopeId: 'org1' }, place, true],
    [{ role: 'orgAdmin', scope: 'org', scopeId: 'org1' }, { communityId: 'huazhong' }, false],
    [{ role: 'department', scope: 'department', scopeId: 'dept1' }, place, false],
    [{ role: 'member', scope: 'self', scopeId: 'x' }, place, false],
  ])('%j covers %j: %s', (grant, where, expected) => {
    expect(grantCovers(grant, where)).toBe(expected);
  });
});

describe('input fields', () => {
  test.each([
    ['13912345678', true],
    [' 13912345678 ', true],
    ['12912345678', false],
    ['1391234567', false],
    ['139123456789', false],
    ['139-1234-5678', false],
    ['', false],
  ])('phone %p valid: %s', (phone, ok) => expect(phoneField.safeParse(phone).success).toBe(ok));

  test.each([
    ['1391234567', '请输入11位手机号'],
    ['139-1234-5678', '请输入11位手机号'],
    // Eleven digits: the message must not ask for eleven digits again.
    ['12345678901', '手机号应以13至19开头，请检查'],
    ['02912345678', '手机号应以13至19开头，请检查'],
  ])('phone %p is refused with %p', (phone, message) =>
    expect(phoneField.safeParse(phone).error?.issues[0]?.message).toBe(message),
  );

  test.each([
    ['李华', true],
    ['欧阳·娜娜', true],
    ['Li Hua', true],
    ['李', false],
    ['<b>李华</b>', false],
    ['李华1', false],
    ['一二三四五六七八九十一二三四五六七八九十一', false],
  ])('name %p valid: %s', (name, ok) => expect(nameField.safeParse(name).success).toBe(ok));
});

describe('maskPhone', () => {
  test.each([
    ['13912345678', '139****5678'],
    ['021-1234', '021****1234'],
    ['12345', '*****'],
  ])('%s → %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));
});

describe('beijing time', () => {
  test.each([
    ['2026-06-30T15:59:59.000Z', '2026-06-30 23:59'],
    ['2026-06-30T16:00:00.000Z', '2026-07-01 00:00'],
    ['2026-12-31T16:30:00.000Z', '2027-01-01 00:30'],
  ])('%s reads %s in Beijing', (iso, shown) => expect(beijing(iso)).toBe(shown));
  test('empty stays empty', () => expect(beijing(null)).toBe(''));
});

describe('error codes', () => {
  test('every code a contract may return has a Chinese message', () => {
    for (const def of Object.values(checkinContract))
      for (const code of def.errors) expect(errorMessages[code]).toMatch(/[\u4e00-\u9fa5]/);
  });
  test('an unknown code falls back to the generic message', () =>
    expect(messageFor('NOPE')).toBe(errorMessages.INTERNAL));
});
