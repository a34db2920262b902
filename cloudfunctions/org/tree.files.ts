import { fail } from '@shared/core/result';
import type { OrgContract } from '@shared/org/org.contract';
import { ownScope } from '../access/access';
import { uploaderKey } from '../core/platform/files';
import type { Ctx, Handlers } from '../core/runtime/router';
import type { DistrictDoc } from './org.documents';
import { keepExportFile } from './exports.job';
import { applyImport, MAX_PROBLEMS, planImport, treeRows, type TreeRows } from './tree.import';
import { placeKinds } from '@shared/org/tree.contract';

/**
 * The district's tree as an xlsx file: exported (a short-lived download link), and imported from a file the
 * district admin uploaded (a CloudBase file id in the mini-program; the local server's upload id in H5).
 * exceljs is loaded here on first use only (`import()`), so the org function's other actions start without it.
 */

/** An xlsx of a district's whole tree is a few hundred KB; anything much larger is not one. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

const xlsx = () => import('./tree.xlsx');

/** The uploader key an uploaded spreadsheet's id carries (the caller's own folder), or null. */
function uploaderOfSheet(id: string): string | null {
  return (
    /^(?:cloud:\/\/[A-Za-z0-9._-]+\/photos|\/uploads)\/([a-f0-9]{20})\/[A-Za-z0-9_-]{8,64}\.xlsx$/.exec(id)?.[1] ?? null
  );
}

async function districtOf(ctx: Ctx): Promise<DistrictDoc | null> {
  const id = ownScope(ctx.caller, 'districtAdmin');
  return id ? ctx.store.get<DistrictDoc>('districts', id) : null;
}

const emptyRows = (): TreeRows => Object.fromEntries(placeKinds.map((k) => [k, []])) as unknown as TreeRows;

/** The district's tree (or, for the template, only the headers and the 说明 sheet) as a download link. */
export const exportTree: Handlers<OrgContract>['exportTree'] = async (input, ctx) => {
  const district = await districtOf(ctx);
  if (!district) return fail('AUTH.FORBIDDEN');
  const files = ctx.rt.files;
  if (!files?.write) return fail('NOT_FOUND');
  const [rows, { writeTreeXlsx }] = await Promise.all([
    input.template ? emptyRows() : treeRows(ctx.store, district._id),
    xlsx(),
  ]);
  const bytes = await writeTreeXlsx(rows, district.name);
  const day = ctx.now.toISOString().slice(0, 10);
  const fileName = `${district.name}组织架构${input.template ? '模板' : day}.xlsx`;
  const id = await files.write(uploaderKey(ctx.rt.secret, ctx.caller.openid), `${ctx.newId()}.xlsx`, bytes);
  const [urls] = await Promise.all([files.urls([id]), keepExportFile(ctx, id)]);
  const url = urls.get(id);
  if (!url) return fail('NOT_FOUND');
  return { url, fileName, rows: placeKinds.reduce((n, k) => n + rows[k].length, 0) };
};

/**
 * Imports the district's tree from the caller's uploaded file: read, every row checked (report: sheet, row,
 * column, reason), and only with no problem at all written. The same file again writes nothing.
 */
export const importTree: Handlers<OrgContract>['importTree'] = async (input, ctx) => {
  const districtId = ownScope(ctx.caller, 'districtAdmin');
  if (!districtId) return fail('AUTH.FORBIDDEN');
  const files = ctx.rt.files;
  if (!files?.read) return fail('ORG.FILE_UNREADABLE');
  if (uploaderOfSheet(input.fileId) !== uploaderKey(ctx.rt.secret, ctx.caller.openid))
    return fail('ORG.FILE_NOT_YOURS');
  const [bytes, { readTreeXlsx }] = await Promise.all([files.read(input.fileId, MAX_FILE_BYTES), xlsx()]);
  if (!bytes) return fail('ORG.FILE_UNREADABLE');
  let read: Awaited<ReturnType<typeof readTreeXlsx>>;
  try {
    read = await readTreeXlsx(bytes);
  } catch {
    return fail('ORG.FILE_UNREADABLE');
  }
  const empty = Object.fromEntries(placeKinds.map((k) => [k, { added: 0, changed: 0, unchanged: 0 }]));
  const report = (problems: { sheet: string; row: number; field: string; reason: string }[]) => ({
    written: false,
    problems: problems.slice(0, MAX_PROBLEMS),
    moreProblems: Math.max(0, problems.length - MAX_PROBLEMS),
    counts: empty as never,
  });
  if ('problems' in read) return report(read.problems);
  const planned = await planImport(ctx.store, districtId, read.rows, ctx.now);
  if ('problems' in planned) return report(planned.problems);
  await applyImport(ctx, planned.plan);
  return { written: true, problems: [], moreProblems: 0, counts: planned.plan.counts };
};
