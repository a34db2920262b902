import { PassThrough } from 'node:stream';
import { stream } from 'exceljs';

/**
 * The district's exports as xlsx workbooks, written as a stream (exceljs's WorkbookWriter): each row is
 * committed as it is added, so a 20,000-member export holds the compressed file and the page in hand, never
 * the whole sheet. Loaded only by the export actions (a lazy `import()` in exports.queries.ts); the deployed
 * org function carries it in `xlsx.js` with the tree's workbook (scripts/build-functions.ts, `lazyParts`).
 */

export type ExportColumn = { key: string; header: string; width: number };
export type ExportSheet = { name: string; columns: readonly ExportColumn[] };
/** The title rows every sheet begins with. */
export type ExportTitle = { title: string; period: string; scope: string; generatedAt: string };
export type ExportRow = Record<string, string | number | null>;

/** Rows above the header: the title, the period, the scope, the time it was made. */
export const TITLE_ROWS = 4;

export type ExportBook = {
  /** Writes one sheet: its title rows and header, then every row `fill` adds (each committed at once). */
  sheet(spec: ExportSheet, fill: (add: (row: ExportRow) => void) => Promise<void>): Promise<void>;
  /** The finished file and how many data rows it holds. */
  finish(): Promise<{ bytes: Buffer; rows: number }>;
};

export function exportBook(title: ExportTitle): ExportBook {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  // Without styles: exceljs's streaming writer looks up every cell's style, which more than doubles the time of a
  // long sheet (120,000 ledger rows: 3.6 s with, 1.4 s without). The title rows are merged across the columns
  // and the header row stays frozen; neither needs a style.
  const wb = new stream.xlsx.WorkbookWriter({ stream: sink, useStyles: false, useSharedStrings: false });
  wb.creator = '红领';
  let rows = 0;
  return {
    async sheet(spec, fill) {
      const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: TITLE_ROWS + 1 }] });
      ws.columns = spec.columns.map((c) => ({ key: c.key, width: c.width }));
      const last = String.fromCharCode(64 + spec.columns.length);
      const lines = [
        title.title,
        `统计期间：${title.period}`,
        `范围：${title.scope}`,
        `导出时间：${title.generatedAt}`,
      ];
      lines.forEach((text, i) => {
        const row = ws.getRow(i + 1);
        row.getCell(1).value = text;
        ws.mergeCells(`A${i + 1}:${last}${i + 1}`);
        row.commit();
      });
      const header = ws.getRow(TITLE_ROWS + 1);
      spec.columns.forEach((c, i) => (header.getCell(i + 1).value = c.header));
      header.commit();
      await fill((row) => {
        ws.addRow(row).commit();
        rows++;
      });
      ws.commit();
    },
    async finish() {
      await wb.commit();
      await ended;
      return { bytes: Buffer.concat(chunks), rows };
    },
  };
}
