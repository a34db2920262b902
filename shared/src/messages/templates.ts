import { beijing } from '../core/time';

/**
 * WeChat subscribe messages (订阅消息): which public template (公共模板库) each kind of notice goes out
 * with, the type of each of its fields, and WeChat's rules for the values of each type. Pure: the
 * deployed functions format and check with it, the tests check every payload against it, and the
 * mini-program asks people to accept the templates of the notices they will get.
 */

/** The value types of a template's fields; a field's key is its type and a number (`thing1`, `phrase2`). */
export const fieldTypes = [
  'thing',
  'number',
  'letter',
  'symbol',
  'character_string',
  'time',
  'date',
  'amount',
  'phone_number',
  'car_number',
  'name',
  'phrase',
] as const;
export type FieldType = (typeof fieldTypes)[number];

// Written out rather than as \p{Script=Han}, which older mini-program JavaScript engines do not know.
const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff';
const han = new RegExp(`[${HAN}]`);
const DATE = '(\\d{4})年(\\d{1,2})月(\\d{1,2})日';
const CLOCK = '(\\d{1,2}):(\\d{2})(?::(\\d{2}))?';

/** A date and a clock time, or one of them, each part real (no 13月, no 24:00). */
function moment(text: string, needs: 'clock' | 'date'): boolean {
  const m = new RegExp(`^(?:${DATE})?(?: ?${CLOCK})?$`).exec(text);
  if (!m || text === '') return false;
  const [, year, month, day, hour, minute, second] = m;
  if (needs === 'clock' ? hour === undefined : year === undefined) return false;
  if (year !== undefined && !(inRange(month, 1, 12) && inRange(day, 1, 31))) return false;
  if (hour !== undefined && !(inRange(hour, 0, 23) && inRange(minute, 0, 59))) return false;
  return second === undefined || inRange(second, 0, 59);
}

function inRange(text: string | undefined, min: number, max: number): boolean {
  const n = Number(text);
  return text !== undefined && n >= min && n <= max;
}

/** A moment, or a span of two joined by ~ (WeChat allows both in a time or date field). */
function momentOrSpan(value: string, needs: 'clock' | 'date'): boolean {
  const parts = value.split('~');
  return parts.length <= 2 && parts.every((p) => moment(p.trim(), needs));
}

const symbols = /^[!-/:-@[-`{-~]+$/;

/**
 * WeChat's documented rules for each type (订阅消息参数值内容限制说明, subscribeMessage.send): what a
 * value may hold, or WeChat refuses the whole message with 47003. `check` answers what is wrong, or null.
 */
export const fieldRules: Record<FieldType, { rule: string; check(value: string, chars: number): string | null }> = {
  thing: {
    rule: '20 characters at most, any kind (汉字, digits, letters, symbols)',
    check: (_v, n) => (n > 20 ? `${n} characters, at most 20` : null),
  },
  number: {
    rule: '32 digits at most, a decimal point allowed',
    check: (v, n) => (!/^\d+(\.\d+)?$/.test(v) ? 'digits only' : n > 32 ? `${n} characters, at most 32` : null),
  },
  letter: {
    rule: '32 letters at most',
    check: (v, n) => (!/^[A-Za-z]+$/.test(v) ? 'letters only' : n > 32 ? `${n} letters, at most 32` : null),
  },
  symbol: {
    rule: '5 symbols at most',
    check: (v, n) => (!symbols.test(v) ? 'symbols only' : n > 5 ? `${n} symbols, at most 5` : null),
  },
  character_string: {
    rule: '32 digits, letters or symbols at most',
    check: (v, n) =>
      !/^[!-~]+$/.test(v) ? 'digits, letters and symbols only' : n > 32 ? `${n} characters, at most 32` : null,
  },
  time: {
    rule: '24-hour time, a date before it allowed, or a span with ~: 15:01, 2026年11月27日 15:01',
    check: (v) => (momentOrSpan(v, 'clock') ? null : 'not a time such as 15:01 or 2026年11月27日 15:01'),
  },
  date: {
    rule: 'a date, a 24-hour time after it allowed, or a span with ~: 2026年11月27日, 2026年11月27日 15:01',
    check: (v) => (momentOrSpan(v, 'date') ? null : 'not a date such as 2026年11月27日'),
  },
  amount: {
    rule: 'a currency sign and 10 digits at most, decimals and a closing 元 allowed: ¥12.50, 30元',
    check: (v) => (/^[¥￥$€£]?\d{1,10}(\.\d{1,2})?元?$/.test(v) ? null : 'not an amount such as ¥12.50'),
  },
  phone_number: {
    rule: '17 digits and symbols at most: +86-0556-5551234',
    check: (v, n) =>
      !/^[0-9+\-()]+$/.test(v) || !/\d/.test(v)
        ? 'digits and symbols only'
        : n > 17
          ? `${n} characters, at most 17`
          : null,
  },
  car_number: {
    rule: '8 characters at most; the first and the last may be 汉字, the rest letters or digits: 皖H12345',
    check: (v, n) =>
      n > 8
        ? `${n} characters, at most 8`
        : new RegExp(`^[${HAN}A-Za-z0-9](?:[A-Za-z0-9]*[${HAN}A-Za-z0-9])?$`).test(v)
          ? null
          : 'not a plate such as 皖H12345',
  },
  name: {
    rule: '10 汉字 at most (letters among them count as 汉字), or 20 letters and symbols at most',
    check: (v, n) => {
      if (han.test(v))
        return !new RegExp(`^[${HAN}A-Za-z·]+$`).test(v)
          ? '汉字 and letters only'
          : n > 10
            ? `${n} 汉字, at most 10`
            : null;
      return !/^[A-Za-z .'·-]+$/.test(v) ? 'letters and symbols only' : n > 20 ? `${n} letters, at most 20` : null;
    },
  },
  phrase: {
    rule: '5 汉字 at most, nothing else: 已通过',
    check: (v, n) => (!new RegExp(`^[${HAN}]+$`).test(v) ? '汉字 only' : n > 5 ? `${n} 汉字, at most 5` : null),
  },
};

/** What is wrong with one value of a type, or null when WeChat takes it. */
export function checkValue(type: FieldType, value: unknown): string | null {
  if (typeof value !== 'string') return 'not a string';
  // WeChat refuses an empty value (47003 "value is empty"); a line break has no place on one line of a card.
  if (value.trim() === '') return 'empty';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'a control character (line break, tab)';
  return fieldRules[type].check(value, [...value].length);
}

/** The type a field key names (`character_string4` → character_string), or null for no type WeChat has. */
export function keyType(key: string): FieldType | null {
  const type = /^([a-z_]+?)\d+$/.exec(key)?.[1];
  return (fieldTypes as readonly string[]).includes(type ?? '') ? (type as FieldType) : null;
}

/** The short states a `phrase` field says (5 汉字 at most, a test checks each). */
export const reviewStates = ['已通过', '已驳回', '不予受理'] as const;
export const progressStates = ['待处理', '待报到', '处理中', '待反馈', '待确认', '已办结', '已退回', '已超期'] as const;
export type ReviewState = (typeof reviewStates)[number];
export type ProgressState = (typeof progressStates)[number];

/**
 * Which template a notice goes out with, and what its fields say beyond the notice's title and body. A
 * notice without one goes out as the general `notice` (title, body, time). `subject` defaults to the
 * title and `note` to the body.
 */
export type NoticeTemplate =
  | { kind: 'review'; state: ReviewState; subject?: string; note?: string }
  | { kind: 'progress'; state: ProgressState; subject?: string; note?: string }
  | { kind: 'activity'; startsAt: string; place: string; subject?: string; note?: string };
export type TemplateKind = NoticeTemplate['kind'] | 'notice';

/** Where a field's value comes from: the notice's text, its template's parts, or the time it is sent. */
type Source = 'title' | 'body' | 'subject' | 'note' | 'state' | 'sentAt' | 'startsAt' | 'place';
export type TemplateField = { key: string; type: FieldType; name: string; from: Source };
export type SubscribeTemplate = { title: string; use: string; fields: readonly TemplateField[] };

/**
 * The public templates (公共模板库) by kind: the title to search for, and the keywords to pick in this
 * order. The keys are those this table assumes; WeChat numbers a library template's keywords itself, so
 * a deployment whose keys differ names its own (HONGLING_TEMPLATE_<KIND>_FIELDS, README 部署到云开发).
 */
export const subscribeTemplates: Record<TemplateKind, SubscribeTemplate> = {
  review: {
    title: '审核结果通知',
    use: 'a request the station approved or refused',
    fields: [
      { key: 'thing1', type: 'thing', name: '审核内容', from: 'subject' },
      { key: 'phrase2', type: 'phrase', name: '审核结果', from: 'state' },
      { key: 'time3', type: 'time', name: '审核时间', from: 'sentAt' },
      { key: 'thing4', type: 'thing', name: '备注', from: 'note' },
    ],
  },
  progress: {
    title: '工单处理提醒',
    use: 'a problem report (吹哨) moving on',
    fields: [
      { key: 'thing1', type: 'thing', name: '工单内容', from: 'subject' },
      { key: 'phrase2', type: 'phrase', name: '处理状态', from: 'state' },
      { key: 'time3', type: 'time', name: '更新时间', from: 'sentAt' },
      { key: 'thing4', type: 'thing', name: '备注', from: 'note' },
    ],
  },
  activity: {
    title: '活动开始提醒',
    use: 'an activity about to start',
    fields: [
      { key: 'thing1', type: 'thing', name: '活动名称', from: 'subject' },
      { key: 'time2', type: 'time', name: '开始时间', from: 'startsAt' },
      { key: 'thing3', type: 'thing', name: '活动地点', from: 'place' },
      { key: 'thing4', type: 'thing', name: '温馨提示', from: 'note' },
    ],
  },
  notice: {
    title: '待办事项提醒',
    use: 'anything else, and every kind without a template of its own',
    fields: [
      { key: 'thing1', type: 'thing', name: '事项名称', from: 'title' },
      { key: 'thing2', type: 'thing', name: '事项内容', from: 'body' },
      { key: 'time3', type: 'time', name: '时间', from: 'sentAt' },
    ],
  },
};

export const templateKinds = Object.keys(subscribeTemplates) as TemplateKind[];

export function defaultKeys(kind: TemplateKind): string[] {
  return subscribeTemplates[kind].fields.map((f) => f.key);
}

/** time and date both take a date with a time, which is what this table puts in either. */
function fits(keyed: FieldType, expected: FieldType): boolean {
  return keyed === expected || (['time', 'date'].includes(keyed) && ['time', 'date'].includes(expected));
}

/** Why a deployment's own keys cannot carry a kind's fields (one key per field, each of the field's type), or null. */
export function keysProblem(kind: TemplateKind, keys: readonly string[]): string | null {
  const fields = subscribeTemplates[kind].fields;
  if (keys.length !== fields.length || new Set(keys).size !== keys.length)
    return `${kind}: ${fields.length} different keys needed (${fields.map((f) => f.type).join(',')}), got ${keys.join(',')}`;
  const wrong = fields.find((f, i) => {
    const type = keyType(keys[i] ?? '');
    return !type || !fits(type, f.type);
  });
  return wrong ? `${kind}: the key for ${wrong.name} must be a ${wrong.type}` : null;
}

/** The template a notice of a kind goes out with: its own, else the general one; null for none. */
export function sendAs(kind: TemplateKind, has: (kind: TemplateKind) => boolean): TemplateKind | null {
  if (has(kind)) return kind;
  return has('notice') ? 'notice' : null;
}

/**
 * The template ids a page asks a person to accept (wx.requestSubscribeMessage takes three at most) for
 * the kinds of notices they will get: each kind's own template, else the general one.
 */
export function templateIdsFor(ids: Partial<Record<TemplateKind, string>>, kinds: readonly TemplateKind[]): string[] {
  const chosen = kinds.map((k) => sendAs(k, (x) => Boolean(ids[x]))).map((k) => (k ? (ids[k] ?? '') : ''));
  return [...new Set(chosen.filter(Boolean))].slice(0, 3);
}

/** A `thing`: one line, at most 20 characters, the last an ellipsis when cut; never empty. */
export function clipThing(text: string): string {
  // eslint-disable-next-line no-control-regex
  const chars = [...text.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim()];
  if (chars.length === 0) return '无';
  return chars.length > 20 ? `${chars.slice(0, 19).join('')}…` : chars.join('');
}

/** The date and time WeChat documents for a time or date field, in Beijing time: 2026年11月27日 15:01. */
export function subscribeTime(at: Date | string): string {
  return beijing(at, 'YYYY年M月D日 HH:mm');
}

/** What a notice is made of, for a subscribe message (the in-app message's text and its template). */
export type SubscribeNotice = { title: string; body: string; template?: NoticeTemplate };

export function noticeKind(notice: SubscribeNotice): TemplateKind {
  return notice.template?.kind ?? 'notice';
}

/**
 * The `data` of a subscribe message for a notice, in the template of `kind` (the notice's own, or the
 * general one it falls back to), each value made to fit its field's type. `keys` are the deployment's
 * keys for the template's fields, in the table's order.
 */
export function subscribeData(
  notice: SubscribeNotice,
  sentAt: Date,
  kind: TemplateKind = noticeKind(notice),
  keys: readonly string[] = defaultKeys(kind),
): Record<string, { value: string }> {
  if (kind !== 'notice' && kind !== noticeKind(notice))
    throw new Error(`a ${noticeKind(notice)} notice cannot go out as ${kind}`);
  const t = notice.template;
  const parts: Record<Source, string> = {
    title: notice.title,
    body: notice.body,
    subject: t?.subject ?? notice.title,
    note: t?.note ?? notice.body,
    state: t && 'state' in t ? t.state : '',
    sentAt: subscribeTime(sentAt),
    startsAt: t && 'startsAt' in t ? subscribeTime(t.startsAt) : '',
    place: t && 'place' in t ? t.place : '',
  };
  const data: Record<string, { value: string }> = {};
  subscribeTemplates[kind].fields.forEach((field, i) => {
    const value = parts[field.from];
    data[keys[i] ?? field.key] = { value: field.type === 'thing' ? clipThing(value) : value };
  });
  return data;
}

/**
 * Every way `data` breaks the template of `kind` (deployed with `keys`) or WeChat's rules for a field's
 * type: a missing or unknown field, a key of another type, a value WeChat refuses. Empty when it is sound.
 */
export function validateSubscribeData(
  kind: TemplateKind,
  data: Record<string, unknown>,
  keys: readonly string[] = defaultKeys(kind),
): string[] {
  const template = subscribeTemplates[kind];
  const problems: string[] = [];
  const layout = keysProblem(kind, keys);
  if (layout) return [layout];
  template.fields.forEach((field, i) => {
    const key = keys[i] as string;
    const entry = data[key] as { value?: unknown } | undefined;
    if (!entry || typeof entry !== 'object') return void problems.push(`${key} (${field.name}): missing`);
    const wrong = checkValue(keyType(key) as FieldType, entry.value);
    if (wrong) problems.push(`${key} (${field.name}): ${wrong}: ${JSON.stringify(entry.value)}`);
  });
  for (const key of Object.keys(data))
    if (!keys.includes(key)) problems.push(`${key}: not a field of ${template.title}`);
  return problems;
}
