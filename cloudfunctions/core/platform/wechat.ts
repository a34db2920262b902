import { createHash } from 'node:crypto';
import {
  noticeKind,
  sendAs,
  subscribeData,
  validateSubscribeData,
  type TemplateKind,
} from '@shared/messages/templates';
import type { Store } from '../store/store.port';
import { StoreConflictError } from '../store/store.port';
import type { Notice } from '../runtime/change';

/** WeChat's services the deployed build uses; absent locally (H5 draws its own QR codes, the inbox is in-app). */
export type WechatServices = {
  /** The mini-program code (小程序码) opening `page` with `scene`: made once, kept in cloud storage, its file id. */
  miniCode(page: string, scene: string): Promise<string>;
  /**
   * A subscribe message for a notice, in the template of its kind (else the general one); false when none
   * is configured or WeChat refuses (the person has not subscribed). Never throws.
   */
  subscribe(openid: string, notice: Omit<Notice, 'to'>, at: Date): Promise<boolean>;
};

/**
 * WeChat's open APIs as wx-server-sdk's `cloud.openapi` answers them (its source: an image comes back as
 * `{ contentType, buffer }`; a refusal is thrown as an error with `errCode`, WeChat's errcode such as 43101
 * or the platform's such as -604101 for a missing permission).
 */
export type OpenApi = {
  getUnlimited(request: {
    scene: string;
    page: string;
    checkPath: boolean;
    envVersion: string;
    width: number;
  }): Promise<{ contentType?: string; buffer?: Buffer }>;
  sendSubscribe(request: {
    touser: string;
    templateId: string;
    page: string;
    miniprogramState: string;
    lang: string;
    data: Record<string, { value: string }>;
  }): Promise<unknown>;
};

/** Where a mini-program code image is kept (cloud storage). */
export type CodeStorage = {
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID?: string }>;
};

/** The errCode of a refusal thrown by wx-server-sdk (a number), or null for anything else. */
function openApiErrCode(error: unknown): number | null {
  const code = (error as { errCode?: unknown } | null)?.errCode;
  return typeof code === 'number' ? code : null;
}

/** A subscribe template as deployed: its id, and the keys of the table's fields in the table's order. */
export type TemplateChoice = { id: string; keys: readonly string[] };

export type WechatSettings = {
  /** The subscribe templates configured, by kind (shared/src/messages/templates.ts); none: in-app messages only. */
  templates: Partial<Record<TemplateKind, TemplateChoice>>;
  /** Which build the codes and messages open: release (正式版), trial (体验版) or develop (开发版). */
  version: 'release' | 'trial' | 'develop';
};

export type MiniCodeDoc = { _id: string; fileID: string; page: string; scene: string; at: string };

function errorText(error: unknown): string {
  const e = error as { errMsg?: unknown; message?: unknown } | null;
  return String(e?.errMsg ?? e?.message ?? error);
}

export function createWechat(
  openApi: OpenApi,
  storage: CodeStorage,
  store: () => Store,
  settings: WechatSettings,
  log: (entry: Record<string, unknown>) => void,
): WechatServices {
  const envVersion = settings.version;
  const state = { release: 'formal', trial: 'trial', develop: 'developer' }[envVersion];
  return {
    async miniCode(page, scene) {
      // v2: rows written before codes came through wx-server-sdk may hold no image; they are never read again.
      const key = createHash('sha256').update(`v2|${envVersion}|${page}|${scene}`).digest('hex').slice(0, 32);
      const kept = await store().get<MiniCodeDoc & { _id: string }>('miniCodes', key);
      if (kept) return kept.fileID;
      const image = await openApi
        .getUnlimited({ scene, page, checkPath: false, envVersion, width: 430 })
        .catch((error: unknown) => {
          throw new Error(`wxacode.getUnlimited refused: ${openApiErrCode(error) ?? ''} ${errorText(error)}`);
        });
      const type = /^image\/(png|jpeg)/.exec(image.contentType ?? '')?.[1];
      if (!type || !image.buffer?.length)
        throw new Error(`wxacode.getUnlimited answered ${image.contentType ?? 'nothing'}, not an image`);
      const { fileID } = await storage.uploadFile({
        cloudPath: `minicodes/${key}.${type === 'jpeg' ? 'jpg' : 'png'}`,
        fileContent: image.buffer,
      });
      if (!fileID) throw new Error('uploading the mini-program code returned no file id');
      try {
        await store().insert('miniCodes', { _id: key, fileID, page, scene, at: new Date().toISOString() });
      } catch (e) {
        if (!(e instanceof StoreConflictError)) throw e;
      }
      return fileID;
    },

    async subscribe(openid, notice, at) {
      const kind = sendAs(noticeKind(notice), (k) => Boolean(settings.templates[k]));
      const template = kind && settings.templates[kind];
      if (!kind || !template) return false;
      const data = subscribeData(notice, at, kind, template.keys);
      // WeChat would refuse it whole (47003) and say less: a notice that does not fit is a bug to see in the log.
      const problems = validateSubscribeData(kind, data, template.keys);
      if (problems.length) {
        log({ level: 'error', fn: 'subscribeMessage.send', key: notice.key, kind, problems });
        return false;
      }
      try {
        await openApi.sendSubscribe({
          touser: openid,
          templateId: template.id,
          // A page of the mini-program with its query, without the leading slash (index?foo=bar).
          page: notice.link ? notice.link.replace(/^\//, '') : 'pages/inbox/index',
          miniprogramState: state,
          lang: 'zh_CN',
          data,
        });
        return true;
      } catch (error) {
        const errCode = openApiErrCode(error);
        // 43101: the person has not accepted (or has used up) this template: the in-app message stands.
        if (errCode !== 43101) log({ level: 'warn', fn: 'subscribeMessage.send', errCode, error: errorText(error) });
        return false;
      }
    },
  };
}
