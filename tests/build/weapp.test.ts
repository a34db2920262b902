/**
 * @jest-environment jsdom
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { wxmlToJs, wxssToJs } = require('miniprogram-compiler') as {
  wxmlToJs: (root: string) => string;
  wxssToJs: (root: string) => string;
};

/** The weapp build passes WeChat's own wxml/wxss compilers (wcc/wcsc) and stays inside the size limit. */
const root = resolve(__dirname, '../../dist/weapp');

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name), ext) : e.name.endsWith(ext) ? [relative(root, join(dir, e.name))] : [],
  );
}

describe('dist/weapp', () => {
  const app = () =>
    JSON.parse(readFileSync(join(root, 'app.json'), 'utf8')) as {
      pages: string[];
      tabBar: { list: { pagePath: string }[] };
    };

  test('app.json lists every page, each with its files, and the tab bar', () => {
    expect(app().pages).toContain('pages/checkin/enrol/index');
    // Printed community codes open the 报到 page's first path, which forwards.
    expect(app().pages).toContain('pages/checkin/report/index');
    for (const page of app().pages) {
      for (const ext of ['.js', '.json', '.wxml']) expect(existsSync(join(root, page + ext))).toBe(true);
    }
    expect(app().tabBar.list.map((t) => t.pagePath)).toEqual(['pages/index/index', 'pages/mine/index']);
  });

  test('every .wxml compiles with wcc and every page renders a template', () => {
    // The compiled templates expect the mini-program's globals; empty stand-ins are enough to load them.
    const compiled = new Function('global', 'window', '__wxAppCode__', wxmlToJs(root)) as (
      g: object,
      w: object,
      c: object,
    ) => (path: string) => unknown;
    const gwx = compiled({}, {}, {});
    for (const page of app().pages) expect(typeof gwx(`${page}.wxml`)).toBe('function');
    expect(files(root, '.wxml').length).toBeGreaterThan(app().pages.length);
  });

  test('every .wxss compiles with wcsc', () => {
    // Loading the compiled styles touches the page (window, document): jsdom stands in for it.
    const compiled = new Function('global', '__wxAppCode__', wxssToJs(root)) as (
      g: object,
      c: object,
    ) => (path: string) => unknown;
    const lookup = compiled({}, {});
    // wcsc inlines the @imported sheets (common, app-origin) into app.wxss and each page's own sheet.
    const entries = [
      'app.wxss',
      ...app()
        .pages.map((p) => `${p}.wxss`)
        .filter((f) => existsSync(join(root, f))),
    ];
    for (const file of entries) expect(typeof lookup(file)).toBe('function');
    const compiledCss = wxssToJs(root);
    for (const cls of ['nut-button', 'sheet-mask', 'field-error', 'tag-approved']) expect(compiledCss).toContain(cls);
  });

  test('no script reads process.env at run time (the mini-program has no process)', () => {
    for (const file of files(root, '.js'))
      expect(readFileSync(join(root, file), 'utf8')).not.toMatch(/process\.env\.[A-Za-z_]+/);
  });

  test('the main package is under the 2 MB limit', () => {
    const bytes = files(root, '').reduce((sum, f) => sum + statSync(join(root, f)).size, 0);
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
  });
});
