import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createLocalServer } from '../../../local/server';
import { phoneLeaks } from '../../support/privacy-scan';

const root = resolve(__dirname, '../../..');
export const artifacts = join(root, 'test-artifacts', 'screenshots');

/**
 * The local run (in-memory store, demo data) on a free port, and headless Chromium at a phone viewport.
 * Playwright gives every launch a fresh, empty profile directory of its own.
 */
export async function startApp(): Promise<{
  base: string;
  browser: Browser;
  advance: (ms: number) => void;
  stop: () => Promise<void>;
}> {
  // The server's clock runs with real time plus an offset the story moves ("two hours later").
  let offset = 0;
  // Every answer the app gets is scanned for full phone numbers its caller may not see (the privacy table).
  const leaks: string[] = [];
  let calls = 0;
  const { server, runtime } = createLocalServer({
    dataDir: ':memory:',
    h5Dir: join(root, 'dist', 'h5'),
    now: () => new Date(Date.now() + offset),
    onCall: ({ fn, action, openid, result }) => {
      calls++;
      for (const phone of phoneLeaks(runtime.store, openid, result))
        leaks.push(`${fn}.${String(action)} → ${openid}: ${phone}`);
    },
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium
    .launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
    .catch(async (error: unknown) => {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
      throw error;
    });
  mkdirSync(artifacts, { recursive: true });
  return {
    base,
    browser,
    advance: (ms) => void (offset += ms),
    stop: async () => {
      await browser.close();
      await new Promise((done) => server.close(done));
      await runtime.store.close();
      expect(calls).toBeGreaterThan(0);
      expect(leaks).toEqual([]);
    },
  };
}

/** Starts the local run and Chromium before a story's tests and stops them after. */
export function storyApp() {
  const story = {} as { app: Awaited<ReturnType<typeof startApp>>; browser: Browser };
  beforeAll(async () => {
    story.app = await startApp();
    story.browser = story.app.browser;
  });
  afterAll(() => story.app?.stop());
  return story;
}

export async function phone(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 375, height: 667 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
}

/** Taro H5 page switches animate for about 300 ms: settle before a screenshot. */
export async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(artifacts, `${name}.png`) });
}

/** Signs in through the development login page as a demo account. */
export async function loginAs(page: Page, base: string, openid: string): Promise<void> {
  await page.goto(`${base}/#/pages/login/index`);
  await page.locator(`[data-openid="${openid}"]`).click();
  await page.waitForURL(/pages\/index\/index/);
}

/** Calls a function through the local server as a demo account: the same HTTP path the H5 app uses. */
export async function api<T = any>(
  base: string,
  openid: string,
  fn: string,
  action: string,
  data: unknown,
): Promise<T> {
  const login = (await (
    await fetch(`${base}/api/dev/login`, { method: 'POST', body: JSON.stringify({ openid }) })
  ).json()) as { data: { token: string } };
  const res = await fetch(`${base}/api/fn/${fn}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${login.data.token}` },
    body: JSON.stringify({ action, data }),
  });
  const body = (await res.json()) as { ok: boolean; data: T; error?: unknown };
  if (!body.ok) throw new Error(JSON.stringify(body.error));
  return body.data;
}
