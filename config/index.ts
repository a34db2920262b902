import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { runInNewContext } from 'node:vm';
import { buildSync } from 'esbuild';

const root = path.resolve(__dirname, '..');

/**
 * A module of shared/ (TypeScript outside config/, which Taro's config loader does not compile), bundled
 * by esbuild and run apart from Node's module cache, where webpack's persistent cache would trace it.
 */
function sharedModule<T>(file: string): T {
  const built = buildSync({ entryPoints: [path.join(root, file)], bundle: true, format: 'cjs', write: false });
  const module = { exports: {} };
  runInNewContext(built.outputFiles[0]?.text ?? '', { module, exports: module.exports });
  return module.exports as T;
}
const { subscribeKindsTable } = sharedModule<typeof import('../shared/src/messages/notices')>(
  'shared/src/messages/notices.ts',
);

/** Taro's persistent cache keys on <root>/src/app.config, which does not exist with our sourceRoot. */
function fixCache(chain: { get(key: string): unknown; set(key: string, value: unknown): unknown }) {
  const cache = chain.get('cache') as Record<string, unknown> | undefined;
  if (!cache) return;
  chain.set('cache', {
    ...cache,
    buildDependencies: {
      config: [path.join(root, 'config/index.ts')],
      files: [path.join(root, 'miniprogram/app.config.ts')],
    },
  });
}

/**
 * Taro build for weapp (the product) and h5 (local runs and browser tests) from one source tree.
 * Why the odd bits are here: docs/ARCHITECTURE.md, "Build notes".
 */
export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'hongling',
    date: '2026-11-26',
    // NutUI is drawn at 375; our own styles at 750.
    designWidth(input) {
      const file = typeof input === 'object' && input !== null ? (input as { file?: string }).file : undefined;
      return file?.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'miniprogram',
    // WeChat cannot nest a template in itself: Taro writes baseLevel levels of templates into base.wxml (in the
    // main package) and renders deeper nodes through its `comp` component (a virtual host: layout and the
    // page's styles go through). 8 instead of 16 takes 22 KB off base.wxml (docs/ARCHITECTURE.md, "Build notes").
    baseLevel: 8,
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    // Deployment settings baked into the build (an undefined process.env.X would be a runtime error in weapp).
    defineConstants: {
      HONGLING_CLOUD_ENV: JSON.stringify(process.env.HONGLING_CLOUD_ENV ?? ''),
      // The subscribe templates by kind, as the functions read them (README, 部署到云开发).
      HONGLING_TEMPLATES: JSON.stringify({
        review: process.env.HONGLING_TEMPLATE_REVIEW ?? '',
        progress: process.env.HONGLING_TEMPLATE_PROGRESS ?? '',
        activity: process.env.HONGLING_TEMPLATE_ACTIVITY ?? '',
        notice: process.env.HONGLING_TEMPLATE_NOTICE || process.env.HONGLING_RESULT_TEMPLATE || '',
      }),
      // Which templates to ask for after a tap, from the notice table (the table itself stays out of the bundle).
      HONGLING_SUBSCRIBE_KINDS: JSON.stringify(subscribeKindsTable()),
    },
    alias: { '@shared': path.join(root, 'shared/src') },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: true },
    mini: {
      compile: { include: [path.join(root, 'shared')] },
      // Modules only subpackages use go to their sub-vendors / sub-common, not the main package's chunks.
      optimizeMainPackage: { enable: true },
      // Taro's defaults for mini-programs turn most of terser's compression off and write every Chinese
      // character as a \u escape (6 bytes instead of 3): terser's own defaults here, and UTF-8 as WeChat reads it.
      terser: {
        enable: true,
        config: {
          compress: {
            ecma: 2017,
            arrows: true,
            collapse_vars: true,
            comparisons: true,
            computed_props: true,
            hoist_props: true,
            inline: true,
            loops: true,
            negate_iife: true,
            properties: true,
            reduce_funcs: true,
            reduce_vars: true,
            switches: true,
            typeofs: true,
            passes: 2,
          },
          output: { ecma: 2017, ascii_only: false },
        },
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
        // NutUI's rules for what the app never draws stay out of the package (config/nutui-trim.js).
        './config/nutui-trim.js': { enable: true },
      },
      webpackChain: fixCache,
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [path.join(root, 'shared')] },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: { autoprefixer: { enable: true, config: {} }, cssModules: { enable: false } },
      webpackChain: fixCache,
    },
  };
  return config;
});
