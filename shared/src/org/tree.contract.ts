import { z } from 'zod';
import { defineContract } from '../core/contract';
import { requestIdField } from '../core/fields';
import { hasInvisible, MAX_MEMBERS, placeKinds } from './tree.rules';

// The kinds, their labels and the name check live in tree.rules.ts, which the mini-program imports without zod.
export { hasInvisible, MAX_MEMBERS, placeKindLabels, placeKinds, type PlaceKind } from './tree.rules';

const placeId = z.string().trim().min(1, '缺少编号').max(64, '编号过长');
const placeName = z
  .string({ error: '请填写名称' })
  .trim()
  .min(1, '请填写名称')
  .max(40, '名称最多40个字')
  .refine((s) => !hasInvisible(s), '名称含有不可见字符');
const seqField = z
  .number({ error: '序号应为数字' })
  .int('序号应为整数')
  .min(1, '序号至少为1')
  .max(9999, '序号最大9999');
/** 在职党员数: the in-service party members an organisation declares (the district's 报到率 counts against it). */
const membersField = z
  .number({ error: '在职党员数应为数字' })
  .int('在职党员数应为整数')
  .min(0, '在职党员数不能小于0')
  .max(MAX_MEMBERS, `在职党员数最大${MAX_MEMBERS}`);

/** One place as the tree page shows it. */
export const placeNode = z.object({
  kind: z.enum(placeKinds),
  id: z.string(),
  name: z.string(),
  seq: z.number().nullable(),
  retired: z.boolean(),
  retiredAt: z.string().nullable(),
  /** Organisations: the 在职党员数 declared; null for the other kinds and for an organisation that declared none. */
  members: z.number().nullable(),
});
export type PlaceNode = z.infer<typeof placeNode>;

/** One wrong cell or row of an imported file: where (sheet, row as numbered in the spreadsheet, column) and why. */
export const importProblem = z.object({
  sheet: z.string(),
  row: z.number(),
  field: z.string(),
  reason: z.string(),
});
export type ImportProblem = z.infer<typeof importProblem>;

const kindCounts = z.object({ added: z.number(), changed: z.number(), unchanged: z.number() });
export const importCounts = z.object({
  community: kindCounts,
  grid: kindCounts,
  unit: kindCounts,
  org: kindCounts,
  department: kindCounts,
});
export type ImportCounts = z.infer<typeof importCounts>;

/** The organisation tree: communities, grids, units, departments, organisations; retire; xlsx import and export. Part of the org function's contract. */
export const treeActions = defineContract({
  tree: {
    summary: '组织架构',
    // The district: its communities, organisations and departments, a community's grids, a grid's units.
    // The station: its own community's grids and units.
    roles: ['districtAdmin', 'stationAdmin'],
    input: z.object({ communityId: placeId.optional(), gridId: placeId.optional() }),
    output: z.object({
      districtName: z.string(),
      /** May the caller change communities, organisations and departments, and import or export the file. */
      manageDistrict: z.boolean(),
      community: placeNode.nullable(),
      grid: placeNode.nullable(),
      communities: z.array(placeNode),
      orgs: z.array(placeNode),
      departments: z.array(placeNode),
      grids: z.array(placeNode),
      units: z.array(placeNode),
    }),
    errors: [],
  },
  savePlace: {
    summary: '新增或修改组织',
    roles: ['districtAdmin', 'stationAdmin'],
    // Without `id`: a new place (a grid under `parentId`, a community; a unit under `parentId`, a grid),
    // keyed by the form's request id. With `id`: its name and order; a place never moves to another parent.
    // `members` (organisations only): a number declares it, null clears it, absent leaves it as it is. Any other
    // kind sending it is refused rather than ignored: a client that believes it saved a number should be told.
    input: z
      .object({
        kind: z.enum(placeKinds, { error: '请选择类型' }),
        id: placeId.optional(),
        parentId: placeId.optional(),
        name: placeName,
        seq: seqField.optional(),
        members: membersField.nullable().optional(),
        requestId: requestIdField,
      })
      .refine((v) => v.id || !['grid', 'unit'].includes(v.kind) || v.parentId, {
        message: '请选择上级',
        path: ['parentId'],
      })
      .refine((v) => v.kind === 'org' || v.members === undefined, {
        message: '只有报到单位填写在职党员数',
        path: ['members'],
      }),
    output: z.object({ place: placeNode }),
    errors: ['ORG.NAME_TAKEN', 'ORG.PLACE_RETIRED'],
  },
  retirePlace: {
    summary: '停用组织',
    roles: ['districtAdmin', 'stationAdmin'],
    // Never deleted: records that name it keep showing it; it leaves the pickers and new records.
    input: z.object({ kind: z.enum(placeKinds, { error: '请选择类型' }), id: placeId }),
    output: z.object({ place: placeNode }),
    errors: ['ORG.PLACE_IN_USE'],
  },
  restorePlace: {
    summary: '恢复启用组织',
    roles: ['districtAdmin', 'stationAdmin'],
    input: z.object({ kind: z.enum(placeKinds, { error: '请选择类型' }), id: placeId }),
    output: z.object({ place: placeNode }),
    errors: ['ORG.PLACE_RETIRED', 'ORG.NAME_TAKEN'],
  },
  exportTree: {
    summary: '导出组织架构',
    roles: ['districtAdmin'],
    // `template`: the sheets with their headers and the 说明 sheet only, to fill in.
    input: z.object({ template: z.boolean().default(false) }),
    output: z.object({ url: z.string(), fileName: z.string(), rows: z.number() }),
    errors: [],
  },
  importTree: {
    summary: '导入组织架构',
    roles: ['districtAdmin'],
    // The file the caller uploaded (a CloudBase file id in the mini-program, the local server's upload id in H5).
    // Every row is checked first: with any problem nothing is written and the report lists them all.
    input: z.object({
      fileId: z
        .string()
        .max(300, '文件地址过长')
        .regex(/^(cloud:\/\/[\w.\-/]+|\/uploads\/[a-f0-9]{20}\/[a-f0-9]{32}\.xlsx)$/, '文件无效，请重新选择'),
    }),
    output: z.object({
      written: z.boolean(),
      problems: z.array(importProblem),
      /** More problems than the report lists (it lists the first 200). */
      moreProblems: z.number(),
      counts: importCounts,
    }),
    errors: ['ORG.FILE_UNREADABLE', 'ORG.FILE_NOT_YOURS'],
  },
});
export type TreeContract = typeof treeActions;
