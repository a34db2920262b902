import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { functions, type FunctionName } from '../cloudfunctions/deployed';
import { localRuntime, type LocalOptions } from '../cloudfunctions/core/platform/local.platform';
import { indexes } from '../cloudfunctions/deployed/storage';
import type { Main } from '../cloudfunctions/core/runtime/router';
import { demoAccounts, seedDemo, seedDemoWishes } from './demo-data';
import { issueSession, verifySession } from './session';

export type ServerOptions = {
  /** Directory of the SQLite file and secret; ':memory:' keeps everything in memory (tests). */
  dataDir: string;
  h5Dir: string;
  now?: LocalOptions['now'];
  secret?: string;
  /** Sees every function call's caller and answer (the end-to-end stories scan them for leaked phones). */
  onCall?: (call: { fn: string; action: unknown; openid: string | null; result: unknown }) => void;
};

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

function secretFor(dataDir: string): string {
  if (dataDir === ':memory:') return randomBytes(32).toString('hex');
  const file = join(dataDir, 'secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** A request body over the limit: answered 413, and the connection closed (the rest is never read). */
class BodyTooLarge extends Error {
  constructor() {
    super('body too large');
  }
}

async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req, 1_000_000);
  return body.length ? JSON.parse(body.toString('utf8')) : {};
}

const MAX_PHOTO = 2 * 1024 * 1024;

/**
 * The file type by its first bytes (never by what the client claims): a photo, or a spreadsheet (a zip, as an
 * xlsx is) the organisation tree imports, which the function reads and checks itself.
 */
function imageType(bytes: Buffer): 'jpg' | 'png' | 'xlsx' | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  if (bytes.length > 4 && bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  return null;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * The local run: the H5 app and every function on one port. `POST /api/fn/<name>` goes through the
 * same `main(event, context)` as in the cloud; the context's OPENID comes from the development login.
 */
export function createLocalServer(options: ServerOptions): {
  server: Server;
  runtime: ReturnType<typeof localRuntime>;
} {
  const memory = options.dataDir === ':memory:';
  if (!memory) mkdirSync(options.dataDir, { recursive: true });
  const secret = options.secret ?? secretFor(options.dataDir);
  const runtime = localRuntime({
    filename: memory ? ':memory:' : join(options.dataDir, 'hongling.db'),
    secret,
    indexes,
    now: options.now,
    // Photos of the local run (in the mini-program they go to CloudBase storage); in memory, a temporary directory.
    uploads: memory ? undefined : join(options.dataDir, 'uploads'),
  });
  if (!runtime.store.hasDocuments('districts')) {
    seedDemo(runtime.store, runtime.now());
    seedDemoWishes(runtime.store, runtime.now());
  }
  const mains = Object.fromEntries(Object.entries(functions).map(([name, fn]) => [name, fn(() => runtime)])) as Record<
    FunctionName,
    Main
  >;
  const h5Root = resolve(options.h5Dir);
  // The timer trigger's stand-in: the periodic function runs every minute, from here only (never over HTTP).
  const tick = setInterval(() => void mains.timer({}, { TRIGGER_SRC: 'timer' }), 60_000);
  tick.unref();

  const api = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (path === '/api/dev/accounts' && req.method === 'GET') {
      return send(res, 200, {
        ok: true,
        data: demoAccounts.map(({ openid, name, title }) => ({ openid, name, title })),
      });
    }
    if (path === '/api/dev/login' && req.method === 'POST') {
      const body = (await readJson(req)) as { openid?: unknown };
      const account = demoAccounts.find((a) => a.openid === body.openid);
      if (!account) return send(res, 400, { ok: false, error: { code: 'INPUT.INVALID', message: '请选择演示账号' } });
      return send(res, 200, {
        ok: true,
        data: { token: issueSession(secret, account.openid), openid: account.openid, name: account.name },
      });
    }
    if (path === '/api/upload' && req.method === 'POST') {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const uploader = bearer ? verifySession(secret, bearer) : null;
      if (!uploader) return send(res, 401, { ok: false, error: { code: 'AUTH.UNAUTHENTICATED', message: '请先登录' } });
      const bytes = await readBody(req, MAX_PHOTO).catch(() => null);
      if (!bytes) {
        res.setHeader('connection', 'close');
        res.on('finish', () => req.destroy());
        return send(res, 413, { ok: false, error: { code: 'INPUT.INVALID', message: '图片不能超过2MB' } });
      }
      const type = imageType(bytes);
      if (!type)
        return send(res, 400, {
          ok: false,
          error: { code: 'INPUT.INVALID', message: '只能上传JPG或PNG图片，或xlsx表格' },
        });
      // The id carries the uploader: the photo actions accept it from this person only.
      return send(res, 200, { ok: true, data: { id: runtime.files.save(uploader, bytes, type) } });
    }
    const name = /^\/api\/fn\/([a-z]+)$/.exec(path)?.[1];
    // Only the callable functions by their own names (not `constructor` or another name the object inherits);
    // the periodic function is run by the server's own tick, never over HTTP.
    const main = name && name !== 'timer' && Object.hasOwn(mains, name) ? mains[name as FunctionName] : undefined;
    if (!main || req.method !== 'POST')
      return send(res, 404, { ok: false, error: { code: 'ACTION.UNKNOWN', message: '不支持的操作' } });
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const openid = bearer ? verifySession(secret, bearer) : null;
    const event = (await readJson(req)) as { action?: unknown; data?: unknown };
    // The event never carries identity: only the verified session fills the context.
    const result = await main({ action: event.action, data: event.data }, openid ? { OPENID: openid } : {});
    options.onCall?.({ fn: name as string, action: event.action, openid, result });
    send(res, 200, result);
  };

  const file = (res: ServerResponse, path: string) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return send(res, 400, { ok: false, error: { code: 'INPUT.INVALID', message: '请求地址格式错误' } });
    }
    const target = normalize(join(h5Root, decoded));
    const inside = target.startsWith(h5Root) && existsSync(target) && statSync(target).isFile();
    const chosen = inside ? target : join(h5Root, 'index.html');
    if (!existsSync(chosen))
      return send(res, 404, {
        ok: false,
        error: { code: 'NOT_FOUND', message: 'H5 build missing: run npm run build:h5' },
      });
    res.writeHead(200, {
      'content-type': types[extname(chosen)] ?? 'application/octet-stream',
      'cache-control': inside && path !== '/' ? 'max-age=3600' : 'no-cache',
    });
    createReadStream(chosen).pipe(res);
  };

  // A photo only by the URL a view signed for its reader, until it expires (as cloud storage's temporary URLs).
  const photo = (res: ServerResponse, path: string, query: URLSearchParams) => {
    const found = runtime.files.open(path, query);
    if (!found)
      return send(res, 403, { ok: false, error: { code: 'AUTH.FORBIDDEN', message: '图片链接无效或已过期' } });
    const sheet = path.endsWith('.xlsx');
    res.writeHead(200, {
      'content-type': sheet
        ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        : path.endsWith('.png')
          ? 'image/png'
          : 'image/jpeg',
      // An export (organisation tree) downloads as a file.
      ...(sheet ? { 'content-disposition': 'attachment' } : {}),
      'cache-control': `private, max-age=${found.ttl}`,
    });
    createReadStream(found.file).pipe(res);
  };

  const server = createServer((req, res) => {
    const [path = '/', query = ''] = (req.url ?? '/').split('?');
    if (path.startsWith('/uploads/')) return photo(res, path, new URLSearchParams(query));
    // Everything runs inside the promise, so no request can throw past the error handling below.
    const work = Promise.resolve().then(() =>
      path.startsWith('/api/') ? api(req, res, path) : file(res, path === '/' ? '/index.html' : path),
    );
    work.catch((error: unknown) => {
      runtime.log({ level: 'error', path, error: error instanceof Error ? error.message : String(error) });
      if (res.headersSent) return;
      if (error instanceof BodyTooLarge) {
        // The client is still sending: answer, then drop the connection so it cannot stall the next request.
        res.setHeader('connection', 'close');
        res.on('finish', () => req.destroy());
        return send(res, 413, { ok: false, error: { code: 'INPUT.INVALID', message: '请求内容过大' } });
      }
      send(res, 400, { ok: false, error: { code: 'INPUT.INVALID', message: '请求格式错误' } });
    });
  });
  server.on('close', () => clearInterval(tick));
  return { server, runtime };
}
