import tcb from '@cloudbase/node-sdk';
import nock from 'nock';

/**
 * CloudBase storage's temporary-URL API as `@cloudbase/node-sdk` 3.x speaks it (its src/storage/index.ts):
 * `app.getTempFileURL({ fileList: [{ fileID, maxAge }] })` posts JSON `{ action: 'storage.batchGetDownloadUrl',
 * file_list: [{ fileid, max_age }], envName, … }` to `https://<env>.<region>.tcb-api.tencentcloudapi.com/admin`
 * (`internal.` and http inside a cloud function), and returns the answer's `data.download_list` as `fileList`.
 * Each item is `{ fileID, tempFileURL, code }`: SUCCESS, or the reason (STORAGE_FILE_NONEXIST for a file that is
 * not there); a refusal of the whole request is `{ code, message }`, which the SDK throws. The fake keeps a set
 * of stored file ids and records each request as the server received it.
 */
export type StorageRequest = { envName: string; fileList: Array<{ fileid: string; max_age: number }> };

const HOST = /tcb-api\.tencentcloudapi\.com(:\d+)?$/;
export const FAKE_STORAGE_ENV = 'hl-test';
export const BUCKET = '6868-hl-test-1300000000';

type Body = {
  action?: string;
  envName?: string;
  file_list?: Array<{ fileid: string; max_age: number }>;
  fileid_list?: string[];
};

function parsed(body: unknown): Body {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as Body;
    } catch {
      return {};
    }
  }
  return (body ?? {}) as Body;
}

export class StorageFake {
  readonly requests: StorageRequest[] = [];
  readonly files = new Set<string>();
  /** Answer the next requests with this error instead (the SDK throws it). */
  failWith: { code: string; message: string } | null = null;
  private scope: nock.Scope | null = null;

  /** The file id CloudBase gives a file uploaded to `path`. */
  id(path: string): string {
    return `cloud://${FAKE_STORAGE_ENV}.${BUCKET}/${path}`;
  }

  /** Stores a file at `path` (as a mini-program's upload would) and returns its id. */
  put(path: string): string {
    const id = this.id(path);
    this.files.add(id);
    return id;
  }

  install(): this {
    nock.disableNetConnect();
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const fake = this;
    this.scope = nock(HOST)
      .persist()
      .post(/^\/admin/, (body) => parsed(body).action === 'storage.batchGetDownloadUrl')
      .reply(function (_uri, body) {
        return [200, fake.answer(parsed(body))];
      })
      // `app.deleteFile({ fileList })` posts `storage.batchDeleteFile` with `fileid_list`; the answer's
      // `data.delete_list` is `{ fileID, code }` per id (SUCCESS, or STORAGE_FILE_NONEXIST).
      .post(/^\/admin/, (body) => parsed(body).action === 'storage.batchDeleteFile')
      .reply(function (_uri, body) {
        return [200, fake.delete(parsed(body))];
      });
    return this;
  }

  stop(): void {
    this.scope?.persist(false);
    nock.cleanAll();
  }

  /** The ids each delete request named, as the server received them. */
  readonly deletes: string[][] = [];

  private delete(body: Body): Record<string, unknown> {
    const ids = body.fileid_list ?? [];
    this.deletes.push(ids);
    const requestId = `fake-storage-delete-${this.deletes.length}`;
    if (this.failWith) return { requestId, ...this.failWith };
    const delete_list = ids.map((fileID) => ({
      fileID,
      code: this.files.delete(fileID) ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST',
    }));
    return { requestId, data: { delete_list } };
  }

  private answer(body: Body): Record<string, unknown> {
    const fileList = body.file_list ?? [];
    this.requests.push({ envName: body.envName ?? '', fileList });
    const requestId = `fake-storage-${this.requests.length}`;
    if (this.failWith) return { requestId, ...this.failWith };
    return {
      requestId,
      data: {
        download_list: fileList.map(({ fileid, max_age }) => {
          if (!this.files.has(fileid)) return { fileID: fileid, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' };
          const path = fileid.slice(`cloud://${FAKE_STORAGE_ENV}.${BUCKET}/`.length);
          const sign = Buffer.from(`${fileid}|${max_age}`).toString('hex').slice(0, 32);
          return {
            fileID: fileid,
            tempFileURL: `https://${BUCKET}.tcb.qcloud.la/${path}?sign=${sign}&t=${1_800_000_000 + max_age}`,
            code: 'SUCCESS',
          };
        }),
      },
    };
  }
}

/** The real SDK's app, as a deployed function makes it, its requests answered by the fakes installed. */
export function sdkApp() {
  process.env.TENCENTCLOUD_RUNENV = 'SCF';
  process.env.TENCENTCLOUD_REGION = 'ap-shanghai';
  process.env.SCF_NAMESPACE = FAKE_STORAGE_ENV;
  process.env.SILENCE = 'true';
  return tcb.init({ env: FAKE_STORAGE_ENV, secretId: 'AKIDtest', secretKey: 'test-key' });
}
