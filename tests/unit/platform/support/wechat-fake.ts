import nock from 'nock';
import protobuf from 'protobufjs';

/**
 * WeChat's open APIs as CloudBase carries them, for wx-server-sdk under test: the SDK (through its
 * node-sdk) posts a multipart `wx.openApi` request whose `requestData` is a protobuf `CommApiData`
 * (openapiData.pairs: key, JSON value), and reads back a protobuf `CommOpenApiResp` (respData,
 * contentType, errorCode) — or a CloudBase JSON error. Field numbers are those of wx-server-sdk 4.0.2's
 * own protobuf code. The answers are what WeChat sends: an image, a JSON `{errcode, errmsg}`, or an
 * envelope error code such as -604101 (no permission).
 */
export type WxAnswer =
  | { respData: Buffer | string; contentType: string; errorCode?: number }
  | { errorCode: number }
  | { tcbError: { code: string; message: string } };

export type WxCall = { apiName: string; request: Record<string, unknown> };

const HOST = /tcb-api\.tencentcloudapi\.com(:\d+)?$/;

/** The environment a deployed function runs in (wx-server-sdk reads it on `cloud.init`). */
export function scfEnvironment(): void {
  process.env.TENCENTCLOUD_RUNENV = 'SCF';
  process.env.TENCENTCLOUD_REGION = 'ap-shanghai';
  process.env.SCF_NAMESPACE = 'hl-test';
  process.env.TCB_ENV = 'hl-test';
  process.env.TENCENTCLOUD_SECRETID = 'AKIDtest';
  process.env.TENCENTCLOUD_SECRETKEY = 'test-key';
  process.env.SILENCE = 'true';
}

/** The bytes nock received: it keeps a UTF-8 body as text and any other body as hex. */
function rawBody(body: unknown): Buffer {
  const text = String(body);
  return /^[0-9a-f]*$/.test(text) && text.length % 2 === 0 ? Buffer.from(text, 'hex') : Buffer.from(text, 'utf8');
}

function multipartField(raw: Buffer, boundary: string, name: string): Buffer | null {
  const marker = Buffer.from(`name="${name}"`);
  const at = raw.indexOf(marker);
  if (at < 0) return null;
  const start = raw.indexOf(Buffer.from('\r\n\r\n'), at) + 4;
  const end = raw.indexOf(Buffer.from(`\r\n--${boundary}`), start);
  return raw.subarray(start, end);
}

/** CommApiData → { key: JSON value } (field 2 openapiData → field 1 pairs → 1 key, 2 value). */
function decodePairs(data: Buffer): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const outer = protobuf.Reader.create(data);
  while (outer.pos < outer.len) {
    const tag = outer.uint32();
    if (tag >>> 3 !== 2) {
      outer.skipType(tag & 7);
      continue;
    }
    const api = protobuf.Reader.create(outer.bytes());
    while (api.pos < api.len) {
      const pairTag = api.uint32();
      if (pairTag >>> 3 !== 1) {
        api.skipType(pairTag & 7);
        continue;
      }
      const pair = protobuf.Reader.create(api.bytes());
      let key = '';
      let value = Buffer.alloc(0);
      while (pair.pos < pair.len) {
        const t = pair.uint32();
        if (t >>> 3 === 1) key = pair.string();
        else if (t >>> 3 === 2) value = Buffer.from(pair.bytes());
        else pair.skipType(t & 7);
      }
      out[key] = JSON.parse(value.toString('utf8'));
    }
  }
  return out;
}

/** CommOpenApiResp: 1 respData, 2 contentType, 3 errorCode. */
function encodeResponse(answer: { respData?: Buffer | string; contentType?: string; errorCode?: number }): Buffer {
  const w = protobuf.Writer.create();
  if (answer.respData !== undefined) w.uint32(10).bytes(Buffer.from(answer.respData));
  if (answer.contentType !== undefined) w.uint32(18).string(answer.contentType);
  if (answer.errorCode) w.uint32(24).int32(answer.errorCode);
  return Buffer.from(w.finish());
}

/** Answers every open-API call with `answer(apiName, request)`; records the calls as WeChat received them. */
export function installWechatFake(answer: (call: WxCall) => WxAnswer): { calls: WxCall[]; stop: () => void } {
  const calls: WxCall[] = [];
  nock.disableNetConnect();
  const scope = nock(HOST)
    .persist()
    .post(
      /^\/admin/,
      (body) => String(body).includes('wx.openApi') || rawBody(body).includes(Buffer.from('wx.openApi')),
    )
    .reply(function (_uri, body) {
      const boundary = /boundary=(.+)$/.exec(String(this.req.headers['content-type']))?.[1] ?? '';
      const raw = rawBody(body);
      const apiName = multipartField(raw, boundary, 'apiName')?.toString() ?? '';
      const call = { apiName, request: decodePairs(multipartField(raw, boundary, 'requestData') ?? Buffer.alloc(0)) };
      calls.push(call);
      const a = answer(call);
      if ('tcbError' in a) return [200, JSON.stringify(a.tcbError), { 'content-type': 'application/json' }];
      return [200, encodeResponse(a), { 'content-type': 'application/octet-stream' }];
    });
  return { calls, stop: () => scope.persist(false) && nock.cleanAll() };
}

export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
export const json = (value: unknown) => ({ respData: JSON.stringify(value), contentType: 'application/json' });
