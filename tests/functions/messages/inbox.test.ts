import { createHarness, errorCode, ok } from '../../support/harness';
import { wishInput } from '../../support/harness';

describe('消息: the inbox, its unread count, reading', () => {
  test('a message opens its record; reading one lowers the count; another’s message cannot be marked; 全部已读', async () => {
    const h = createHarness();
    const wishId = ok(await h.call('wish', 'demo-resident', 'postWish', wishInput)).wish.id;
    ok(await h.call('wish', 'demo-station', 'reviewWish', { wishId, decision: 'approve' }));
    ok(await h.call('wish', 'demo-member', 'claimWish', { wishId }));

    const inbox = ok(await h.call('report', 'demo-resident', 'inbox', {}));
    expect(inbox.unread).toBe(2);
    expect(inbox.items.map((m: { title: string }) => m.title)).toEqual(['心愿已被认领', '心愿已通过审核']);
    expect(inbox.items[0]).toMatchObject({ read: false, link: `/pages/wish/mine/index?id=${wishId}` });

    // The station's own message cannot be marked read by the resident.
    const stations = ok(await h.call('report', 'demo-station', 'inbox', {}));
    expect(ok(await h.call('report', 'demo-resident', 'readMessages', { id: stations.items[0].id }))).toEqual({
      unread: 2,
    });
    expect(ok(await h.call('report', 'demo-station', 'inbox', {})).unread).toBe(stations.unread);

    expect(ok(await h.call('report', 'demo-resident', 'readMessages', { id: inbox.items[0].id }))).toEqual({
      unread: 1,
    });
    // Twice changes nothing more.
    expect(ok(await h.call('report', 'demo-resident', 'readMessages', { id: inbox.items[0].id }))).toEqual({
      unread: 1,
    });
    expect(ok(await h.call('report', 'demo-resident', 'inbox', {})).items[0].read).toBe(true);
    expect(ok(await h.call('report', 'demo-resident', 'readMessages', { all: true }))).toEqual({ unread: 0 });
    expect(errorCode(await h.call('report', 'demo-resident', 'readMessages', { all: false }))).toBe('INPUT.INVALID');
    expect(errorCode(await h.call('report', 'demo-resident', 'readMessages', {}))).toBe('INPUT.INVALID');
    expect(errorCode(await h.call('report', null, 'readMessages', { all: true }))).not.toBeNull();
  });
});
