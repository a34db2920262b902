import { Workbook, type Cell, type Fill } from 'exceljs';
import type { ImportProblem, PlaceKind } from '@shared/org/tree.contract';
import { MAX_MEMBERS } from '@shared/org/tree.rules';
import {
  ACTIVE,
  columnNames,
  kindsInFile as placeKinds,
  MAX_ROWS,
  RETIRED,
  sheetNames,
  type TreeRow,
  type TreeRows,
} from './tree.layout';

/**
 * The organisation tree as an xlsx workbook (exceljs): one sheet per kind with Chinese headers, and a 说明
 * sheet. This module is loaded only by the import and export actions (a lazy `import()` in tree.files.ts)
 * and the deployed org function carries it as a file of its own (scripts/build-functions.ts, `lazyParts`),
 * so the function's other actions neither load nor parse exceljs.
 */

/** `optional`: a file without this column still reads (its rows leave the key out). */
type Column = { key: keyof TreeRow; header: string; width: number; note: string; optional?: boolean };

function columnsOf(kind: PlaceKind): Column[] {
  const idNote =
    kind === 'community'
      ? '小写字母和数字，最多14位，全区唯一；印在社区报到码里，定下后不要改'
      : '字母、数字、-、_，最多40位，同类中全区唯一；定下后不要改';
  const columns: Column[] = [
    { key: 'id', header: columnNames.id, width: 18, note: idNote },
    { key: 'name', header: columnNames.name, width: 26, note: '最多40个字；同一上级下在用的名称不能重复' },
  ];
  if (kind === 'grid' || kind === 'unit')
    columns.push(
      {
        key: 'seq',
        header: columnNames.seq,
        width: 8,
        note: '1至9999的整数，决定列表中的先后；不填：已有的保持原序，新增的排在同一上级的最后',
      },
      {
        key: 'parentId',
        header: columnNames.parentId[kind],
        width: 18,
        note: kind === 'grid' ? '「社区」表或系统中已有社区的编号' : '「网格」表或系统中已有网格的编号',
      },
    );
  if (kind === 'org')
    columns.push({
      key: 'members',
      header: columnNames.members,
      width: 12,
      note: `该单位的在职党员数，0至${MAX_MEMBERS}的整数，区级看板据此计算报到率；不填表示未填报。没有此列的旧文件照常导入，已填的人数保持不变`,
      optional: true,
    });
  columns.push({
    key: 'status',
    header: columnNames.status,
    width: 8,
    note: `${ACTIVE}或${RETIRED}，不填为${ACTIVE}；停用的记录不再出现在选择列表中，历史记录照常显示`,
  });
  return columns;
}

const HEADER_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF5D5D6' } };

/** The workbook of these rows (an export), or of none (the template to fill in). */
export async function writeTreeXlsx(rows: TreeRows, districtName: string): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = '红领';
  wb.created = new Date(0);
  const guide = wb.addWorksheet('说明');
  guide.columns = [
    { header: '工作表', key: 'sheet', width: 12 },
    { header: '列', key: 'column', width: 16 },
    { header: '填写说明', key: 'note', width: 80 },
  ];
  guide.getRow(1).font = { bold: true };
  guide.getRow(1).fill = HEADER_FILL;
  guide.addRow({
    sheet: '全部',
    column: '',
    note: `${districtName}的组织架构。每张表第一行是表头，请勿修改表头和表名。`,
  });
  guide.addRow({
    sheet: '全部',
    column: '',
    note: '导入时先检查每一行，有任何错误则一行也不写入，并列出每个错误的表、行、列和原因；同一文件再次导入不会重复新增。',
  });
  guide.addRow({
    sheet: '全部',
    column: '',
    note: '文件中没有的记录保持原样（不会被删除或停用）；要停用请将状态改为“停用”。',
  });
  guide.addRow({ sheet: '全部', column: '', note: '网格和单元不能改到其他上级：请停用原记录，再在新的上级下新增。' });
  for (const kind of placeKinds)
    for (const c of columnsOf(kind)) guide.addRow({ sheet: sheetNames[kind], column: c.header, note: c.note });
  guide.addRow({
    sheet: '示例',
    column: '',
    note: '导出的文件就是模板的样例：社区 huazhong 华中社区；网格 huazhongg1 第一网格，所属社区编号 huazhong；单元 huazhongg1u1 01栋1单元，所属网格编号 huazhongg1。',
  });

  for (const kind of placeKinds) {
    const ws = wb.addWorksheet(sheetNames[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
    const columns = columnsOf(kind);
    ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).fill = HEADER_FILL;
    const numberOf = (text: string | undefined) => (text === undefined || text === '' ? undefined : Number(text));
    for (const r of rows[kind]) ws.addRow({ ...r, seq: numberOf(r.seq), members: numberOf(r.members) });
    // Ids are text: a grid numbered 001 stays 001.
    ws.getColumn(1).numFmt = '@';
    // exceljs writes a validation over a range; its types do not declare `dataValidations`.
    const validations = (ws as unknown as { dataValidations: { add(range: string, rule: object): void } })
      .dataValidations;
    const rangeOf = (key: keyof TreeRow) => {
      const letter = String.fromCharCode(65 + columns.findIndex((c) => c.key === key));
      return `${letter}2:${letter}${Math.max(rows[kind].length + 500, 1000)}`;
    };
    validations.add(rangeOf('status'), {
      type: 'list',
      allowBlank: true,
      formulae: [`"${ACTIVE},${RETIRED}"`],
      showErrorMessage: true,
      errorTitle: '状态',
      error: `请选择${ACTIVE}或${RETIRED}`,
    });
    if (kind === 'org')
      validations.add(rangeOf('members'), {
        type: 'whole',
        operator: 'between',
        allowBlank: true,
        formulae: [0, MAX_MEMBERS],
        showErrorMessage: true,
        errorTitle: columnNames.members,
        error: `请填写0至${MAX_MEMBERS}的整数，或留空`,
      });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A cell's text as a person typed it (numbers as written, formulas by their result), trimmed. */
function textOf(cell: Cell): string {
  const text = cell.text;
  return typeof text === 'string' ? text.trim() : '';
}

/**
 * The rows of each sheet, or the problems that stop the file from being read at all (a sheet or a header
 * missing, too many rows). An unreadable file (not an xlsx) throws.
 */
export async function readTreeXlsx(bytes: Buffer): Promise<{ rows: TreeRows } | { problems: ImportProblem[] }> {
  const wb = new Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const problems: ImportProblem[] = [];
  const rows = Object.fromEntries(placeKinds.map((k) => [k, [] as TreeRow[]])) as TreeRows;
  let total = 0;
  for (const kind of placeKinds) {
    const sheet = sheetNames[kind];
    const ws = wb.getWorksheet(sheet);
    if (!ws) {
      problems.push({ sheet, row: 0, field: '', reason: `找不到工作表「${sheet}」：请使用下载的模板，不要改表名` });
      continue;
    }
    const header = ws.getRow(1);
    const at = new Map<string, number>();
    header.eachCell((cell, col) => at.set(textOf(cell), col));
    const columns = columnsOf(kind);
    const missing = columns.filter((c) => !c.optional && !at.has(c.header));
    for (const c of missing)
      problems.push({ sheet, row: 1, field: c.header, reason: `缺少“${c.header}”列：请不要修改表头` });
    if (missing.length) continue;
    // An optional column the file lacks is left out of its rows (the import then leaves those values as they are).
    const present = columns.filter((c) => at.has(c.header));
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber === 1 || total > MAX_ROWS) return;
      const cells = Object.fromEntries(present.map((c) => [c.key, textOf(row.getCell(at.get(c.header)!))]));
      if (Object.values(cells).every((v) => v === '')) return;
      total++;
      rows[kind].push({ row: rowNumber, ...cells } as TreeRow);
    });
  }
  if (total > MAX_ROWS)
    problems.push({ sheet: '全部', row: 0, field: '', reason: `行数超过${MAX_ROWS}行：请分成几个文件导入` });
  return problems.length ? { problems } : { rows };
}
