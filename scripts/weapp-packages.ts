import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** WeChat's limits: the main package and each subpackage at most 2 MB, all of them together at most 20 MB. */
export const WECHAT_LIMITS = { package: 2 * 1024 * 1024, total: 20 * 1024 * 1024 };

/** The goal for the main package (issue 16): what a resident or a member downloads before the first page. */
export const MAIN_PACKAGE_GOAL = 400 * 1024;

/** One package of the built mini-program: the main one (root '') or a subpackage (分包) by its root. */
export type WeappPackage = { root: string; pages: string[]; files: string[]; bytes: number };

type AppJson = { pages: string[]; subPackages?: { root: string; pages: string[] }[]; subpackages?: never };

function filesUnder(dir: string, base: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name), base) : [relative(base, join(dir, e.name)).replace(/\\/g, '/')],
  );
}

/**
 * The packages of a weapp build (dist/weapp) as WeChat counts them: each file under a subpackage's root is
 * that subpackage's, every other file the main package's. The main package comes first, then the
 * subpackages in app.json's order; `pages` are full paths.
 */
export function weappPackages(dist: string): WeappPackage[] {
  const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as AppJson;
  const subs = (app.subPackages ?? []).map((s) => {
    const root = s.root.endsWith('/') ? s.root : `${s.root}/`;
    return { root, pages: s.pages.map((p) => root + p), files: [] as string[], bytes: 0 };
  });
  const main: WeappPackage = { root: '', pages: app.pages, files: [], bytes: 0 };
  for (const file of filesUnder(dist, dist)) {
    const pkg = subs.find((s) => file.startsWith(s.root)) ?? main;
    pkg.files.push(file);
    pkg.bytes += statSync(join(dist, file)).size;
  }
  return [main, ...subs];
}

/** The package that holds a file (or a page path) of the build. */
export function packageOf(packages: WeappPackage[], file: string): WeappPackage {
  return packages.find((p) => p.root && file.startsWith(p.root)) ?? (packages[0] as WeappPackage);
}

/** Kilobytes (1024 bytes) with one decimal, as the bench and the notes print them. */
export function kb(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}
