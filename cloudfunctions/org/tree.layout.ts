import type { PlaceKind } from '@shared/org/tree.contract';

/**
 * The organisation tree's file: its sheets, columns and values, shared by the import core (tree.import.ts)
 * and the xlsx reader and writer (tree.xlsx.ts). Kept apart from both: the xlsx module is bundled on its own
 * (scripts/build-functions.ts, `lazyParts`), and carries this and nothing of the store.
 */

/** One row of a sheet as read: its row number in the spreadsheet, and the cells as text. */
export type TreeRow = {
  row: number;
  id: string;
  name: string;
  /** Grids and units: their order ('' when left empty: their place among the parent's rows). */
  seq?: string;
  /** Grids: their community's 编号; units: their grid's. */
  parentId?: string;
  /** 在用 (or empty) / 停用. */
  status?: string;
  /**
   * Organisations: the 在职党员数 declared ('' when left empty: not declared). Absent when the file has no such
   * column (one exported before it existed, or the engineer's JSON import): the stored number is left as it is.
   */
  members?: string;
};
export type TreeRows = Record<PlaceKind, TreeRow[]>;

/** The sheets in the file's order (the contract's `placeKinds`, here without zod). */
export const kindsInFile: readonly PlaceKind[] = ['community', 'grid', 'unit', 'org', 'department'];

/** Where each kind is in the file, and its columns' headers (the xlsx has these; problems name them). */
export const sheetNames: Record<PlaceKind, string> = {
  community: '社区',
  grid: '网格',
  unit: '单元',
  org: '报到单位',
  department: '职能部门',
};
export const columnNames = {
  id: '编号',
  name: '名称',
  seq: '序号',
  parentId: { grid: '所属社区编号', unit: '所属网格编号' },
  status: '状态',
  members: '在职党员数',
} as const;
export const ACTIVE = '在用';
export const RETIRED = '停用';

/** The most rows a file may hold (a district's whole tree is a few thousand). */
export const MAX_ROWS = 20_000;
/** The report lists the first problems; the count says how many more there are. */
export const MAX_PROBLEMS = 200;
