import { uploaderKey, uploaderOf } from '../platform/files';

/**
 * 注销 (closing an account): what every feature needs to erase a person from its records or make them
 * anonymous. The OPENID is the person's identity: kept records (ledger entries, service records, problem
 * and wish timelines, audit records) name a pseudonym instead, made at random for this one closing and
 * kept nowhere beside the OPENID once the closing is done, so the same WeChat user coming back is a new
 * person who finds none of it, and nobody holding their OPENID can find it either.
 */
export const PSEUDONYM_PREFIX = 'gone~';
/** What a kept record shows where it showed the person's name. */
export const ERASED_NAME = '已注销用户';

export function isPseudonym(openid: string): boolean {
  return openid.startsWith(PSEUDONYM_PREFIX);
}

/** Who is being erased: their OPENID, its pseudonym, and what of theirs must not survive in any text. */
export type Subject = {
  openid: string;
  pseudonym: string;
  /** Their names and phone numbers as they typed them anywhere (a 报到, a wish, a problem). */
  names: string[];
  phones: string[];
  /** The uploader key their photos' ids carry (derived from the OPENID): such a photo is theirs. */
  photoKey: string;
  /** Their photos taken out of records so far: the files go from storage at the end of the closing. */
  dropped: Set<string>;
  /**
   * Which photos `scrub` takes out: `theirs`, every one they took (their own records: a wish, a problem, a
   * completion photo); `dropped`, only those already taken out of their own records (audit records, and records
   * they worked on for others, whose photos of the work stay: a visit, a result).
   */
  photos: 'theirs' | 'dropped';
};

export function subjectOf(
  secret: string,
  openid: string,
  pseudonym: string,
  names: Iterable<string | null | undefined>,
  phones: Iterable<string | null | undefined>,
  dropped: Iterable<string> = [],
): Subject {
  const nonEmpty = (list: Iterable<string | null | undefined>) =>
    [...new Set([...list].filter((v): v is string => typeof v === 'string' && v.trim().length > 0))].sort();
  return {
    openid,
    pseudonym,
    names: nonEmpty(names),
    phones: nonEmpty(phones),
    photoKey: uploaderKey(secret, openid),
    dropped: new Set(dropped),
    photos: 'theirs',
  };
}

/** A photo id the person uploaded. */
export function isTheirPhoto(subject: Subject, id: unknown): boolean {
  return typeof id === 'string' && uploaderOf(id) === subject.photoKey;
}

/** A photo `scrub` takes out (see `Subject.photos`), noted among the dropped. */
function drops(subject: Subject, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (subject.photos === 'dropped') return subject.dropped.has(value);
  if (!isTheirPhoto(subject, value)) return false;
  subject.dropped.add(value);
  return true;
}

/** The same subject, taking out only the photos already dropped from their own records. */
export function keepingWorkPhotos(subject: Subject): Subject {
  return { ...subject, photos: 'dropped' };
}

/** An id with the OPENID as one of its `~` parts (`huazhong~<openid>`) with the pseudonym in its place. */
export function pseudonymousId(subject: Subject, id: string): string {
  return id
    .split('~')
    .map((part) => (part === subject.openid ? subject.pseudonym : part))
    .join('~');
}

/**
 * A value with the person taken out: the OPENID (a whole value) becomes the pseudonym, their photos' ids
 * are dropped (see `Subject.photos`), their names and phone numbers inside any text are replaced. Ids that merely contain the
 * OPENID as a part are left (the ledger's keys: see the caller). Used on audit records and timelines.
 */
export function scrub(value: unknown, subject: Subject): unknown {
  if (typeof value === 'string') {
    if (value === subject.openid) return subject.pseudonym;
    if (drops(subject, value)) return null;
    let text = value;
    for (const phone of subject.phones) text = text.split(phone).join('***********');
    for (const name of subject.names) text = text.split(name).join(ERASED_NAME);
    return text;
  }
  if (Array.isArray(value)) {
    return value.filter((v) => !drops(subject, v)).map((v) => scrub(v, subject));
  }
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, subject)]));
  return value;
}
