import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILES_PER_REQUEST, FILE_URL_TTL_S, inChunks, uploaderKey, type FileServices } from './files';

/**
 * The local run's storage: photos uploaded to the local server, kept on disk as `/uploads/<uploader>/<name>`
 * (the uploader key the functions check, as in cloud storage). Like CloudBase storage with its rule, a
 * photo is never served by its id: only by a URL a view signed with the runtime's secret, which expires.
 */
export type LocalFiles = FileServices & {
  /** Keeps an image (or a spreadsheet to import) `openid` uploaded; its id, which the actions accept from that person only. */
  save(openid: string, bytes: Buffer, type: 'jpg' | 'png' | 'xlsx'): string;
  /**
   * The file a URL names (its path and query), when the URL was signed here and has not expired; else null.
   * `ttl` is the seconds it still works.
   */
  open(path: string, query: URLSearchParams): { file: string; ttl: number } | null;
};

export type LocalFilesOptions = {
  /** Where uploads are kept; without one, a temporary directory made on the first upload (tests). */
  dir?: string;
  secret: string;
  now: () => Date;
  /** Sees each batch as the deployed storage would see a request (the bench counts them with the store's). */
  onOperation?: (op: string) => void;
};

/** A local photo or spreadsheet id; ids from before uploads carried their uploader have no folder. */
const localId = /^\/uploads\/(?:[a-f0-9]{20}\/)?[a-f0-9]{32}\.(?:jpg|png|xlsx)$/;

function signature(secret: string, id: string, exp: number): string {
  return createHmac('sha256', secret).update(`file|${id}|${exp}`).digest('hex').slice(0, 32);
}

export function localFiles(options: LocalFilesOptions): LocalFiles {
  let dir = options.dir ?? null;
  const root = () => (dir ??= mkdtempSync(join(tmpdir(), 'hongling-uploads-')));
  // The id is checked against the pattern first, so the path stays inside the directory.
  const fileOf = (id: string) => (localId.test(id) && dir ? join(dir, id.slice('/uploads/'.length)) : null);
  const exists = (id: string) => {
    const file = fileOf(id);
    return !!file && existsSync(file) && statSync(file).isFile();
  };
  const batch = (ids: readonly string[]) => {
    const own = [...new Set(ids.filter((id) => localId.test(id)))];
    for (const _ of inChunks(own, FILES_PER_REQUEST)) options.onOperation?.('files.batch');
    return own;
  };

  return {
    async urls(ids) {
      const exp = options.now().getTime() + FILE_URL_TTL_S * 1000;
      const found = new Map<string, string>();
      for (const id of batch(ids))
        if (exists(id)) found.set(id, `${id}?exp=${exp}&sig=${signature(options.secret, id, exp)}`);
      return found;
    },
    async missing(ids) {
      batch(ids);
      return ids.filter((id) => !exists(id));
    },
    save(openid, bytes, type) {
      const key = uploaderKey(options.secret, openid);
      mkdirSync(join(root(), key), { recursive: true });
      const id = `/uploads/${key}/${randomBytes(16).toString('hex')}.${type}`;
      writeFileSync(join(root(), id.slice('/uploads/'.length)), bytes);
      return id;
    },
    async read(id, maxBytes) {
      options.onOperation?.('files.read');
      const file = fileOf(id);
      if (!file || !exists(id) || statSync(file).size > maxBytes) return null;
      return readFileSync(file);
    },
    async remove(ids) {
      options.onOperation?.('files.remove');
      for (const id of batch(ids)) {
        const file = fileOf(id);
        if (file && exists(id)) rmSync(file);
      }
    },
    async write(folder, _name, bytes) {
      options.onOperation?.('files.write');
      if (!/^[a-f0-9]{20}$/.test(folder)) throw new Error(`bad folder ${folder}`);
      mkdirSync(join(root(), folder), { recursive: true });
      const id = `/uploads/${folder}/${randomBytes(16).toString('hex')}.xlsx`;
      writeFileSync(join(root(), id.slice('/uploads/'.length)), bytes);
      return id;
    },
    open(path, query) {
      const exp = Number(query.get('exp'));
      const given = Buffer.from(query.get('sig') ?? '');
      const now = options.now().getTime();
      if (!localId.test(path) || !Number.isSafeInteger(exp) || exp <= now || exp > now + FILE_URL_TTL_S * 1000)
        return null;
      const expected = Buffer.from(signature(options.secret, path, exp));
      if (given.length !== expected.length || !timingSafeEqual(given, expected) || !exists(path)) return null;
      return { file: fileOf(path) as string, ttl: Math.ceil((exp - now) / 1000) };
    },
  };
}
