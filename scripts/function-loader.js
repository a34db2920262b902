'use strict';
/* global console */
// A deployed function's entry (copied by scripts/build-functions.ts next to app.js, its bundle). It runs the
// bundle with the V8 code cache made at build time (app.jsc), so a cold start compiles less of it. When the
// runtime's V8 does not take the cache (another Node version), the bundle is compiled from source as usual.
const { readFileSync, writeFileSync } = require('fs');
const { join } = require('path');
const { Script } = require('vm');
const Module = require('module');

const file = join(__dirname, 'app.js');
const cacheFile = join(__dirname, 'app.jsc');
const making = process.env.HONGLING_MAKE_CODE_CACHE === '1';
let cachedData;
if (!making) {
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
}
const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
exports.codeCache = cachedData ? (script.cachedDataRejected ? 'rejected' : 'used') : 'none';
if (exports.codeCache === 'rejected')
  console.warn(JSON.stringify({ level: 'warn', fn: 'loader', message: 'code cache rejected: compiled from source' }));
const app = new Module(file, module);
app.filename = file;
app.paths = Module._nodeModulePaths(__dirname);
script.runInThisContext()(app.exports, Module.createRequire(file), app, file, __dirname);
exports.main = app.exports.main;
// The build loads each bundle once this way and keeps what V8 compiled while loading it.
if (making) writeFileSync(cacheFile, script.createCachedData());
