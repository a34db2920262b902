/**
 * @jest-environment jsdom
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { MAIN_PACKAGE_GOAL, packageOf, WECHAT_LIMITS, weappPackages } from '../../scripts/weapp-packages';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { wxmlToJs, wxssToJs } = require('miniprogram-compiler') as {
  wxmlToJs: (root: string) => string;
  wxssToJs: (root: string) => string;
};

/**
 * The weapp build passes WeChat's own wxml/wxss compilers (wcc/wcsc), keeps its main package to the goal and
 * every package inside WeChat's limits, and its scripts reach only files WeChat lets them load.
 */
const root = resolve(__dirname, '../../dist/weapp');
const source = resolve(__dirname, '../../miniprogram');

function files(dir: string, ext: string, base = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? files(join(dir, e.name), ext, base)
      : e.name.endsWith(ext)
        ? [relative(base, join(dir, e.name))]
        : [],
  );
}

describe('dist/weapp', () => {
  const app = () =>
    JSON.parse(readFileSync(join(root, 'app.json'), 'utf8')) as {
      pages: string[];
      subPackages: { root: string; pages: string[] }[];
      tabBar: { list: { pagePath: string }[] };
    };
  const packages = () => weappPackages(root);
  /** Every page, of the main package and of each subpackage, by its full path. */
  const allPages = () => packages().flatMap((p) => p.pages);

  test('app.json lists every page, each with its files, and the tab bar', () => {
    expect(app().pages).toContain('pages/checkin/enrol/index');
    // Printed community codes open the 报到 page's first path, which forwards.
    expect(app().pages).toContain('pages/checkin/report/index');
    for (const page of allPages()) {
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
    for (const page of allPages()) expect(typeof gwx(`${page}.wxml`)).toBe('function');
    expect(files(root, '.wxml').length).toBeGreaterThan(allPages().length);
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
      ...allPages()
        .map((p) => `${p}.wxss`)
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

  test('the main package holds the tabs and is at most 400 KB; each subpackage at most 2 MB, all at most 20 MB', () => {
    const [main, ...subs] = packages();
    expect(subs.length).toBeGreaterThan(0);
    // WeChat: the tab bar's pages are in the main package.
    for (const tab of app().tabBar.list) expect(main?.pages).toContain(tab.pagePath);
    expect(main?.bytes).toBeLessThanOrEqual(MAIN_PACKAGE_GOAL);
    for (const sub of subs) expect([sub.root, sub.bytes <= WECHAT_LIMITS.package]).toEqual([sub.root, true]);
    expect(packages().reduce((sum, p) => sum + p.bytes, 0)).toBeLessThanOrEqual(WECHAT_LIMITS.total);
  });

  test('each subpackage root is a directory of its own pages only; every admin page is in a subpackage', () => {
    const [main, ...subs] = packages();
    for (const sub of subs) {
      // Roots keep the pages' paths (a public API): no main page, and no other root, lies under a root.
      expect(main?.pages.filter((p) => p.startsWith(sub.root))).toEqual([]);
      expect(subs.filter((s) => s !== sub && s.root.startsWith(sub.root)).map((s) => s.root)).toEqual([]);
    }
    const admin = [
      'pages/checkin/review/index',
      'pages/checkin/receipts/index',
      'pages/checkin/post-edit/index',
      'pages/checkin/activity-edit/index',
      'pages/checkin/org-half-year/index',
      'pages/wish/review/index',
      'pages/wish/unit/index',
      'pages/points/confirm/index',
      'pages/points/station/index',
      'pages/points/item-edit/index',
      'pages/whistle/station/index',
      'pages/whistle/department/index',
      'pages/whistle/stats/index',
      'pages/org/calendar/index',
      'pages/org/settings/index',
      'pages/org/people/index',
      'pages/org/tree/index',
      'pages/org/pairing/index',
    ];
    for (const page of admin) expect([page, packageOf(packages(), page).root]).not.toEqual([page, '']);
    // What residents and members open first, and the paths printed codes open, stay in the main package.
    for (const page of ['pages/checkin/enrol/index', 'pages/checkin/report/index', 'pages/org/join/index'])
      expect(main?.pages).toContain(page);
    // Every dashboard written so far is in the pages/dashboard/ subpackage.
    const dashboards = existsSync(join(source, 'pages/dashboard'))
      ? readdirSync(join(source, 'pages/dashboard')).filter((d) =>
          existsSync(join(source, 'pages/dashboard', d, 'index.tsx')),
        )
      : [];
    for (const d of dashboards)
      expect(subs.find((s) => s.root === 'pages/dashboard/')?.pages).toContain(`pages/dashboard/${d}/index`);
  });

  test('every script and style loads only files of its own package or of the main package', () => {
    // WeChat refuses a require (or an @import) across subpackages, or from the main package into one.
    const all = packages();
    const loads = [
      ...files(root, '.js').map((file) => [file, /require\("(\.{1,2}\/[^"]+)"\)/g, '.js'] as const),
      ...files(root, '.wxss').map((file) => [file, /@import ?"(\.{0,2}\/?[^"]+)"/g, ''] as const),
    ];
    const wrong = loads.flatMap(([file, pattern, ext]) => {
      const own = packageOf(all, file);
      return [...readFileSync(join(root, file), 'utf8').matchAll(pattern)].flatMap(([, to]) => {
        const path = relative(root, resolve(root, dirname(file), to as string)).replace(/\\/g, '/');
        const target = existsSync(join(root, path)) ? path : path + ext;
        if (!existsSync(join(root, target))) return [`${file} → ${target}: missing`];
        const pkg = packageOf(all, target);
        return pkg === own || pkg.root === '' ? [] : [`${file} → ${target}: in ${pkg.root}`];
      });
    });
    expect(loads.length).toBeGreaterThan(allPages().length);
    expect(wrong).toEqual([]);
  });

  test('NutUI styles keep every Button variant the pages draw (config/nutui-trim.js drops the others)', () => {
    const css = files(root, '.wxss')
      .filter((f) => packageOf(packages(), f).root === '')
      .map((f) => readFileSync(join(root, f), 'utf8'))
      .join('\n');
    const buttons = files(source, '.tsx', source).flatMap((f) => [
      ...readFileSync(join(source, f), 'utf8').matchAll(/<Button\b(?:=>|[^>])*>/g),
    ]);
    expect(buttons.length).toBeGreaterThan(20);
    const nutuiVariants = 'default primary info success warning danger xlarge large normal small mini'.split(' ');
    // NutUI's classes for a Button without `fill`: its type, its size, its shape (round), loading.
    const classes = new Set(['nut-button-default', 'nut-button-normal', 'nut-button-round', 'nut-button-loading']);
    for (const [tag] of buttons) {
      // `fill` adds classes the trim drops: a page that sets it changes config/nutui-trim.js first.
      expect(tag).not.toMatch(/\bfill=/);
      for (const [, value] of tag.matchAll(/\b(?:type|size)=(\{[^}]*\}|"[^"]*")/g))
        for (const [, word] of (value as string).matchAll(/['"]([a-z]+)['"]/g))
          if (nutuiVariants.includes(word as string)) classes.add(`nut-button-${word}`);
    }
    expect(classes).toContain('nut-button-primary');
    for (const cls of classes) expect([cls, css.includes(`.${cls}`)]).toEqual([cls, true]);
    expect(css).not.toContain('nut-button-warning');
  });
});
