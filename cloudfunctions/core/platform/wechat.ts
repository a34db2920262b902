import { createHash } from 'node:crypto';
import { beijing } from '@shared/core/time';
import type { Store } from '../store/store.port';
import { StoreConflictError } from '../store/store.port';
import type { Notice } from '../runtime/change';

/** WeChat's services the deployed build uses; absent locally (H5 draws its own QR codes, the inbox is in-app). */
export type WechatServices = {
  /** The mini-program code (小程序码) opening `page` with `scene`: made once, kept in cloud storage, its file id. */
  miniCode(page: string, scene: string): Promise<string>;
  /** A subscribe message for a notice; false when WeChat refuses (the person has not subscribed). Never throws. */
  subscribe(openid: string, notice: Omit<Notice, 'to'>, at: Date): Promise<boolean>;
};

/** The part of `@cloudbase/node-sdk`'s app the services call. */
export type WechatApp = {
  callCompatibleWxOpenApi(options: { apiName: string; requestData: Buffer }): Promise<unknown>;
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID?: string }>;
};

export type WechatSettings = {
  /** Subscribe message template id (the one the mini-program asks people to accept), or '' to send none. */
  template: string;
  /** The template's field names for title, body and time, e.g. thing1,thing2,time3. */
  fields: [string, string, string];
  /** Which build the codes and messages open: release (正式版), trial (体验版) or develop (开发版). */
  version: 'release' | 'trial' | 'develop';
};

export type MiniCodeDoc = { _id: string; fileID: string; page: string; scene: string; at: string };

/** WeChat answers an error as JSON `{ errcode, errmsg }` (bytes or parsed), CloudBase as `{ code, message }`; an image as other bytes. */
function wechatError(body: unknown): { errcode: number; errmsg: string } | null {
  let answer = body;
  if (Buffer.isBuffer(answer)) answer = answer[0] === 0x7b /* { */ ? answer.toString() : null;
  if (typeof answer === 'string') {
    try {
      answer = JSON.parse(answer);
    } catch {
      return null;
    }
  }
  const obj = answer as { errcode?: number; errmsg?: string; code?: string; message?: string } | null;
  if (obj?.errcode) return { errcode: obj.errcode, errmsg: obj.errmsg ?? '' };
  if (obj?.code) return { errcode: -1, errmsg: `${obj.code} ${obj.message ?? ''}` };
  return null;
}

/** A `thing` field holds at most 20 characters. */
function clip(text: string, max = 20): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

export function createWechat(
  app: WechatApp,
  store: () => Store,
  settings: WechatSettings,
  log: (entry: Record<string, unknown>) => void,
): WechatServices {
  const envVersion = settings.version;
  const state = { release: 'formal', trial: 'trial', develop: 'developer' }[envVersion];
  return {
    async miniCode(page, scene) {
      const key = createHash('sha256').update(`${envVersion}|${page}|${scene}`).digest('hex').slice(0, 32);
      const kept = await store().get<MiniCodeDoc & { _id: string }>('miniCodes', key);
      if (kept) return kept.fileID;
      const body = await app.callCompatibleWxOpenApi({
        apiName: 'wxacode.getUnlimited',
        requestData: Buffer.from(
          JSON.stringify({ scene, page, check_path: false, env_version: envVersion, width: 430 }),
        ),
      });
      const error = wechatError(body);
      if (error || !Buffer.isBuffer(body))
        throw new Error(`wxacode.getUnlimited failed: ${error ? `${error.errcode} ${error.errmsg}` : 'no image'}`);
      const { fileID } = await app.uploadFile({ cloudPath: `minicodes/${key}.png`, fileContent: body });
      if (!fileID) throw new Error('uploading the mini-program code returned no file id');
      try {
        await store().insert('miniCodes', { _id: key, fileID, page, scene, at: new Date().toISOString() });
      } catch (e) {
        if (!(e instanceof StoreConflictError)) throw e;
      }
      return fileID;
    },

    async subscribe(openid, notice, at) {
      if (!settings.template) return false;
      const [title, body, time] = settings.fields;
      const request = {
        touser: openid,
        template_id: settings.template,
        page: notice.link ?? 'pages/inbox/index',
        miniprogram_state: state,
        lang: 'zh_CN',
        data: {
          [title]: { value: clip(notice.title) },
          [body]: { value: clip(notice.body) },
          [time]: { value: beijing(at) },
        },
      };
      try {
        const answer = await app.callCompatibleWxOpenApi({
          apiName: 'subscribeMessage.send',
          requestData: Buffer.from(JSON.stringify(request)),
        });
        const error = wechatError(answer);
        if (!error) return true;
        // 43101: the person has not accepted (or has used up) this template: the in-app message stands.
        if (error.errcode !== 43101)
          log({ level: 'warn', fn: 'subscribeMessage.send', errcode: error.errcode, errmsg: error.errmsg });
        return false;
      } catch (e) {
        log({ level: 'warn', fn: 'subscribeMessage.send', error: e instanceof Error ? e.message : String(e) });
        return false;
      }
    },
  };
}
