import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { noticeTableMarkdown } from '../../../scripts/notice-table';
import { audiences, noticeTable, subscribeKinds, subscribeKindsTable } from '@shared/messages/notices';
import {
  checkValue,
  clipThing,
  defaultKeys,
  fieldTypes,
  keysProblem,
  keyType,
  progressStates,
  reviewStates,
  subscribeData,
  subscribeTemplates,
  subscribeTime,
  templateIdsFor,
  templateKinds,
  validateSubscribeData,
  type FieldType,
  type NoticeTemplate,
  type SubscribeNotice,
} from '@shared/messages/templates';

const cjk = (n: number) => '社区吹哨报到问题反映处理结果'.repeat(3).slice(0, n);

/** WeChat's rules per type (订阅消息参数值内容限制说明): values it takes, and values it refuses. */
const cases: Array<[FieldType, string[], string[]]> = [
  ['thing', [cjk(20), 'a'.repeat(20), '3栋1单元·A座 #2'], [cjk(21), 'a'.repeat(21), '', '  ', '第一行\n第二行']],
  ['number', ['0', '12345', '3.5', '9'.repeat(32)], ['9'.repeat(33), '-1', '1e5', '12a', '１２']],
  ['letter', ['abc', 'A'.repeat(32)], ['A'.repeat(33), 'ab1', 'ab c', '汉']],
  ['symbol', ['#', '+-*/!'], ['+-*/!?', 'a', '1', '，']],
  ['character_string', ['A20261127-001', 'x'.repeat(32), '#$%'], ['x'.repeat(33), 'AB 12', '单号1']],
  [
    'time',
    [
      '15:01',
      '9:05',
      '15:01:30',
      '2026年11月27日 15:01',
      '2026年1月2日 08:00',
      '15:01~17:00',
      '2026年11月27日 09:00~2026年11月27日 11:30',
    ],
    [
      '2026-11-27 15:01',
      '2026年11月27日',
      '24:00',
      '15:60',
      '2026年13月1日 10:00',
      '2026年11月32日 10:00',
      'Invalid Date',
      '下午3点',
      '1:2:3:4',
      '15:01~16:00~17:00',
    ],
  ],
  [
    'date',
    ['2026年11月27日', '2026年11月27日 15:01', '2026年11月27日~2026年11月30日'],
    ['15:01', '2026-11-27', '2026年0月1日', '2026年11月'],
  ],
  ['amount', ['¥12.50', '30元', '100', '$9', '9999999999'], ['12.505', '¥¥1', '99999999999', '十元', '-5']],
  [
    'phone_number',
    ['13912345678', '+86-0556-5551234', '(0556)5551234'],
    ['1'.repeat(18), '139 1234 5678', '电话', '---'],
  ],
  ['car_number', ['皖H12345', '皖H1234学', 'AB12345'], ['皖H1234567', '皖汉12345', 'AB-1234']],
  [
    'name',
    ['张明', '欧阳娜娜娜娜娜娜娜娜', 'Li Hua', 'A'.repeat(20), '张Ming'],
    [cjk(11), 'A'.repeat(21), '张明1', 'Li Hua 2'],
  ],
  ['phrase', ['已通过', '处理中', '不予受理', '待确认待办'], ['已通过了吗吗', '已通过1', 'OK', '已 通过', '已通过。']],
];

describe("WeChat's rules for each field type", () => {
  test('the table covers every type', () => {
    expect(cases.map(([type]) => type).sort()).toEqual([...fieldTypes].sort());
  });
  test.each(cases.flatMap(([type, good]) => good.map((v) => [type, v] as const)))('%s takes %j', (type, value) => {
    expect(checkValue(type, value)).toBeNull();
  });
  test.each(cases.flatMap(([type, , bad]) => bad.map((v) => [type, v] as const)))('%s refuses %j', (type, value) => {
    expect(checkValue(type, value)).toEqual(expect.any(String));
  });
  test('a value must be a string', () => {
    expect(checkValue('thing', 12)).toBe('not a string');
    expect(checkValue('thing', undefined)).toBe('not a string');
  });
  test('a thing counts characters, not UTF-16 units or bytes', () => {
    expect(checkValue('thing', '𠀀'.repeat(20))).toBeNull();
    expect(checkValue('thing', cjk(21))).toBe('21 characters, at most 20');
  });
  test.each([
    ['thing1', 'thing'],
    ['phrase12', 'phrase'],
    ['character_string4', 'character_string'],
    ['phone_number3', 'phone_number'],
    ['time', null],
    ['word2', null],
    ['Thing1', null],
  ])('the key %s names the type %s', (key, type) => {
    expect(keyType(key)).toBe(type);
  });
  test.each([...reviewStates, ...progressStates])('the state %s is a phrase', (state) => {
    expect(checkValue('phrase', state)).toBeNull();
  });
});

describe('the templates', () => {
  test.each(templateKinds)("%s: each field's key names its type, no key twice", (kind) => {
    const { fields } = subscribeTemplates[kind];
    for (const f of fields) expect(keyType(f.key)).toBe(f.type);
    expect(keysProblem(kind, defaultKeys(kind))).toBeNull();
  });

  test('a deployment may number the keys its own way, but not change their types (time and date are one)', () => {
    expect(keysProblem('review', ['thing9', 'phrase1', 'date5', 'thing2'])).toBeNull();
    expect(keysProblem('review', ['thing1', 'thing2', 'time3', 'thing4'])).toMatch(/审核结果 must be a phrase/);
    expect(keysProblem('review', ['thing1', 'phrase2', 'time3'])).toMatch(/4 different keys/);
    expect(keysProblem('notice', ['thing1', 'thing1', 'time3'])).toMatch(/3 different keys/);
  });

  const good = {
    thing1: { value: '环境卫生：垃圾堆放' },
    phrase2: { value: '已办结' },
    time3: { value: '15:01' },
    thing4: { value: '请评价' },
  };
  test('validateSubscribeData lists every violation of a payload', () => {
    expect(validateSubscribeData('progress', good)).toEqual([]);
    expect(
      validateSubscribeData('progress', {
        thing1: { value: cjk(21) },
        phrase2: { value: '已办结2' },
        time3: { value: '2026-11-27 15:01' },
        thing5: { value: 'x' },
      }),
    ).toEqual([
      `thing1 (工单内容): 21 characters, at most 20: "${cjk(21)}"`,
      'phrase2 (处理状态): 汉字 only: "已办结2"',
      'time3 (更新时间): not a time such as 15:01 or 2026年11月27日 15:01: "2026-11-27 15:01"',
      'thing4 (备注): missing',
      'thing5: not a field of 工单处理提醒',
    ]);
    expect(validateSubscribeData('progress', { ...good, thing4: 'x' } as never)).toEqual(['thing4 (备注): missing']);
    expect(validateSubscribeData('progress', good, ['thing1', 'thing2', 'time3', 'thing4'])).toEqual([
      'progress: the key for 处理状态 must be a phrase',
    ]);
  });

  test('the README shows the same table', () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    for (const kind of templateKinds) {
      const { title, fields } = subscribeTemplates[kind];
      const row = `| \`${kind}\` | ${title} | ${fields.map((f) => `${f.name} \`${f.key}\` (${f.type})`).join(', ')} |`;
      expect(readme).toContain(row);
    }
  });
});

describe('the formatter', () => {
  const at = new Date('2026-11-26T16:05:00Z');

  test('a thing is one line of at most 20 characters, cut with an ellipsis, never empty', () => {
    expect(clipThing(cjk(20))).toBe(cjk(20));
    expect(clipThing(cjk(21))).toBe(`${cjk(19)}…`);
    expect([...clipThing(cjk(40))]).toHaveLength(20);
    expect(clipThing('  第一行\n\n第二行\t')).toBe('第一行 第二行');
    expect(clipThing(' \n ')).toBe('无');
  });

  test('times are Beijing time in the form WeChat documents', () => {
    expect(subscribeTime(at)).toBe('2026年11月27日 00:05');
    expect(subscribeTime('2026-03-01T01:30:00.000Z')).toBe('2026年3月1日 09:30');
  });

  const notice = (template?: NoticeTemplate): SubscribeNotice => ({
    title: '您反映的问题已办结',
    body: '已安排环卫车清运，并增加清运频次。请对处理结果进行评价。',
    template,
  });

  test.each<[string, NoticeTemplate | undefined, Record<string, string>]>([
    [
      'review',
      { kind: 'review', state: '不予受理', subject: '环境卫生：3栋楼下垃圾堆放多日无人清运啊啊', note: '请联系物业' },
      {
        thing1: '环境卫生：3栋楼下垃圾堆放多日无人清运…',
        phrase2: '不予受理',
        time3: '2026年11月27日 00:05',
        thing4: '请联系物业',
      },
    ],
    [
      'progress',
      { kind: 'progress', state: '已办结' },
      {
        thing1: '您反映的问题已办结',
        phrase2: '已办结',
        time3: '2026年11月27日 00:05',
        thing4: '已安排环卫车清运，并增加清运频次。请对…',
      },
    ],
    [
      'activity',
      {
        kind: 'activity',
        startsAt: '2026-11-28T01:30:00.000Z',
        place: '华中社区党群服务中心',
        subject: '主题党日：楼道清洁',
      },
      {
        thing1: '主题党日：楼道清洁',
        time2: '2026年11月28日 09:30',
        thing3: '华中社区党群服务中心',
        thing4: '已安排环卫车清运，并增加清运频次。请对…',
      },
    ],
    [
      'notice',
      undefined,
      {
        thing1: '您反映的问题已办结',
        thing2: '已安排环卫车清运，并增加清运频次。请对…',
        time3: '2026年11月27日 00:05',
      },
    ],
  ])('%s: the fields from the notice and its template', (kind, template, values) => {
    const data = subscribeData(notice(template), at);
    expect(Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.value]))).toEqual(values);
    expect(validateSubscribeData(kind as never, data)).toEqual([]);
  });

  test("a notice goes out in the general template when its own is not there, in the deployment's keys", () => {
    const data = subscribeData(notice({ kind: 'progress', state: '已办结' }), at, 'notice', [
      'thing5',
      'thing6',
      'date7',
    ]);
    expect(Object.keys(data)).toEqual(['thing5', 'thing6', 'date7']);
    expect(validateSubscribeData('notice', data, ['thing5', 'thing6', 'date7'])).toEqual([]);
    expect(() => subscribeData(notice({ kind: 'progress', state: '已办结' }), at, 'review')).toThrow(
      /cannot go out as review/,
    );
  });

  const text = fc.string({ unit: 'binary', maxLength: 80 });
  const template: fc.Arbitrary<NoticeTemplate | undefined> = fc.oneof(
    fc.constant(undefined),
    fc.record({
      kind: fc.constant('review' as const),
      state: fc.constantFrom(...reviewStates),
      subject: text,
      note: text,
    }),
    fc.record({ kind: fc.constant('progress' as const), state: fc.constantFrom(...progressStates), subject: text }),
    fc.record({
      kind: fc.constant('activity' as const),
      startsAt: fc
        .date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      place: text,
    }),
  );

  test('whatever a notice says, what it makes fits its template and the general one', () => {
    fc.assert(
      fc.property(
        text,
        text,
        template,
        fc.date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2100-01-01') }),
        (title, body, t, sentAt) => {
          const n = { title, body, template: t };
          const kind = t?.kind ?? 'notice';
          expect(validateSubscribeData(kind, subscribeData(n, sentAt))).toEqual([]);
          expect(validateSubscribeData('notice', subscribeData(n, sentAt, 'notice'))).toEqual([]);
        },
      ),
    );
  });

  test('a page asks for the templates its notices use: each kind its own, else the general one, three at most', () => {
    expect(templateIdsFor({}, ['review', 'progress'])).toEqual([]);
    expect(templateIdsFor({ notice: 'N' }, ['review', 'progress'])).toEqual(['N']);
    expect(templateIdsFor({ notice: 'N', review: 'R' }, ['review', 'progress'])).toEqual(['R', 'N']);
    expect(templateIdsFor({ review: 'R' }, ['review', 'progress'])).toEqual(['R']);
    expect(templateIdsFor({ review: 'R', progress: 'P', activity: 'A', notice: 'N' }, templateKinds)).toEqual([
      'R',
      'P',
      'A',
    ]);
  });
});

test('the README’s table of notices is the notice table', () => {
  const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
  const copy = readme.split('<!-- notices:start -->')[1]?.split('<!-- notices:end -->')[0]?.trim();
  expect(copy).toBe(noticeTableMarkdown());
});

test('each moment asks for the templates of the notices that will follow', () => {
  expect(subscribeKinds('wish', 'owner')).toEqual(['review', 'progress', 'notice']);
  expect(subscribeKinds('report', 'owner')).toEqual(['review']);
  expect(subscribeKinds('activity', 'registered')).toEqual(['activity', 'notice']);
  expect(subscribeKinds('wish', 'claimant')).toEqual(['progress', 'notice']);
  expect(subscribeKinds('problem', 'owner')).toEqual(['review', 'progress']);
});

test('the map the weapp build bakes in (HONGLING_SUBSCRIBE_KINDS) answers as subscribeKinds does', () => {
  const table = subscribeKindsTable();
  const entities = [...new Set(Object.keys(noticeTable).map((key) => key.split('.')[0] as string))];
  for (const entity of entities)
    for (const audience of audiences) {
      const kinds = subscribeKinds(entity, audience);
      expect([entity, audience, table[`${entity}.${audience}`] ?? []]).toEqual([entity, audience, kinds]);
    }
  expect(table['wish.owner']).toEqual(['review', 'progress', 'notice']);
});
