/**
 * What the deployed org function loads on first use as `xlsx.js` (scripts/build-functions.ts, `lazyParts`):
 * exceljs with the organisation tree's workbook (tree.xlsx.ts) and the district's exports (exports.xlsx.ts),
 * one copy of exceljs for both. Each is imported lazily by its own name; the build points both names here.
 */
export * from './tree.xlsx';
export * from './exports.xlsx';
