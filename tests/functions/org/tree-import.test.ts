import { readFileSync } from 'node:fs';
import { Workbook } from 'exceljs';
import { createHarness, errorCode, ok, type Harness } from '../../support/harness';

/** The workbook behind an export's download link (as the browser or the mini-program would fetch it). */
async function download(h: Harness, url: string): Promise<Workbook> {
  const [path = '', query = ''] = url.split('?');
  const found = h.files.open(path, new URLSearchParams(query));
  if (!found) throw new Error(`no file behind ${url}`);
  const wb = new Workbook();
  await wb.xlsx.load(readFileSync(found.file) as unknown as ArrayBuffer);
  return wb;
}

async function exported(h: Harness, template = false): Promise<Workbook> {
  const { url } = ok(await h.call('org', 'demo-district', 'exportTree', { template }));
  return download(h, url);
}

/** The district uploads a workbook (as the local server keeps an upload): its file id. */
async function upload(h: Harness, wb: Workbook, openid = 'demo-district'): Promise<string> {
  return h.files.save(openid, Buffer.from(await wb.xlsx.writeBuffer()), 'xlsx');
}

function rowsOf(wb: Workbook, sheet: string): string[][] {
  const rows: string[][] = [];
  // Array.from: an empty cell between filled ones is a hole in `values`, read as ''.
  wb.getWorksheet(sheet)!.eachRow((row) =>
    rows.push(Array.from((row.values as unknown[]).slice(1), (v) => String(v ?? ''))),
  );
  return rows;
}

function tree(h: Harness): string {
  return JSON.stringify(['communities', 'grids', 'units', 'orgs', 'departments', 'audit'].map((c) => h.store.dump(c)));
}

describe('组织架构 xlsx: export, template, import with a report, import twice', () => {
  test('the demo district exported is the template’s example: one sheet per kind with Chinese headers and 说明', async () => {
    const h = createHarness();
    const result = ok(await h.call('org', 'demo-district', 'exportTree', {}));
    expect(result.fileName).toBe('迎江区组织架构2026-11-26.xlsx');
    expect(result.rows).toBe(3 + 9 + 54 + 10 + 6);
    const wb = await download(h, result.url);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '社区', '网格', '单元', '报到单位', '职能部门']);
    expect(rowsOf(wb, '社区').slice(0, 2)).toEqual([
      ['编号', '名称', '状态'],
      ['huazhong', '华中社区', '在用'],
    ]);
    expect(rowsOf(wb, '网格')[1]).toEqual(['huazhongg1', '第一网格', '1', 'huazhong', '在用']);
    expect(rowsOf(wb, '单元')[0]).toEqual(['编号', '名称', '序号', '所属网格编号', '状态']);
    expect(rowsOf(wb, '单元')[1]).toEqual(['huazhongg1u1', '01栋1单元', '1', 'huazhongg1', '在用']);
    expect(rowsOf(wb, '报到单位')).toHaveLength(11);
    // 在职党员数: the number an organisation declared, empty where it declared none.
    expect(rowsOf(wb, '报到单位')[0]).toEqual(['编号', '名称', '在职党员数', '状态']);
    expect(rowsOf(wb, '报到单位').find((r) => r[0] === 'org1')).toEqual(['org1', '区财政局机关党支部', '6', '在用']);
    expect(rowsOf(wb, '报到单位').find((r) => r[0] === 'org2')).toEqual(['org2', '区教育局机关党支部', '', '在用']);
    expect(
      rowsOf(wb, '说明')
        .filter((r) => r[0] === '报到单位' && r[1] === '在职党员数')
        .map((r) => r[2]),
    ).toEqual([expect.stringContaining('报到率')]);
    expect(
      rowsOf(wb, '说明')
        .map((r) => r.join(' '))
        .join('\n'),
    ).toContain('有任何错误则一行也不写入');

    const template = await exported(h, true);
    expect(rowsOf(template, '社区')).toEqual([['编号', '名称', '状态']]);
    expect(rowsOf(template, '单元')).toEqual([['编号', '名称', '序号', '所属网格编号', '状态']]);
    expect(rowsOf(template, '报到单位')).toEqual([['编号', '名称', '在职党员数', '状态']]);
  });

  test('the exported file imported back changes nothing; an edited one adds and renames once', async () => {
    const h = createHarness();
    const wb = await exported(h);
    const before = tree(h);
    const same = ok(await h.call('org', 'demo-district', 'importTree', { fileId: await upload(h, wb) }));
    expect(same).toMatchObject({ written: true, problems: [] });
    expect(same.counts.unit).toEqual({ added: 0, changed: 0, unchanged: 54 });
    expect(tree(h)).toBe(before);

    wb.getWorksheet('社区')!.addRow(['renmin', '人民路社区', '']);
    wb.getWorksheet('网格')!.addRow(['renming1', '第一网格', '', 'renmin', '']);
    wb.getWorksheet('单元')!.addRow(['renming1u1', '01栋1单元', '', 'renming1', '']);
    wb.getWorksheet('单元')!.addRow(['renming1u2', '01栋2单元', 7, 'renming1', '在用']);
    const departments = wb.getWorksheet('职能部门')!;
    for (let r = 2; r <= departments.rowCount; r++)
      if (departments.getRow(r).getCell(1).text === 'dept1') departments.getRow(r).getCell(2).value = '区城市管理局';
    const edited = await upload(h, wb);
    const first = ok(await h.call('org', 'demo-district', 'importTree', { fileId: edited }));
    expect(first.counts).toMatchObject({
      community: { added: 1, changed: 0, unchanged: 3 },
      grid: { added: 1, changed: 0, unchanged: 9 },
      unit: { added: 2, changed: 0, unchanged: 54 },
      department: { added: 0, changed: 1, unchanged: 5 },
    });
    expect(h.store.dump('units').filter((u) => u.gridId === 'renming1')).toEqual([
      // Without an order it goes after the grid's last (the other row says 7).
      { _id: 'renming1u1', name: '01栋1单元', seq: 8, gridId: 'renming1', communityId: 'renmin', districtId: 'yj' },
      { _id: 'renming1u2', name: '01栋2单元', seq: 7, gridId: 'renming1', communityId: 'renmin', districtId: 'yj' },
    ]);
    expect(h.store.dump('departments').find((d) => d._id === 'dept1')).toMatchObject({ name: '区城市管理局' });
    const audits = h.store.dump('audit').filter((a) => String(a.action).endsWith('.import'));
    expect(audits).toHaveLength(5);
    expect(audits.every((a) => a.actor === 'demo-district')).toBe(true);
    expect(audits.find((a) => a.entityId === 'dept1')).toMatchObject({
      before: expect.objectContaining({ name: '区城管局' }),
      after: expect.objectContaining({ name: '区城市管理局' }),
    });
    // The new community is in the pickers at once.
    expect(ok(await h.call('org', 'demo-resident', 'places', {})).communities).toContainEqual({
      id: 'renmin',
      name: '人民路社区',
    });

    const again = tree(h);
    const second = ok(await h.call('org', 'demo-district', 'importTree', { fileId: edited }));
    for (const kind of ['community', 'grid', 'unit', 'org', 'department'] as const)
      expect(second.counts[kind]).toMatchObject({ added: 0, changed: 0 });
    expect(tree(h)).toBe(again);
  });

  test('在职党员数 imported: declared, changed, cleared and added once; the same file again changes nothing', async () => {
    const h = createHarness();
    const wb = await exported(h);
    const orgs = wb.getWorksheet('报到单位')!;
    const cellOf = (id: string) => {
      for (let r = 2; r <= orgs.rowCount; r++)
        if (orgs.getRow(r).getCell(1).text === id) return orgs.getRow(r).getCell(3);
      throw new Error(`no row ${id}`);
    };
    cellOf('org1').value = null; // 6 → not declared
    cellOf('org2').value = 45; // declared
    cellOf('org3').value = '0'; // typed as text
    orgs.addRow(['orgaudit', '区审计局机关党支部', 120, '']);
    orgs.addRow(['orgstats', '区统计局机关党支部', '', '']);
    const fileId = await upload(h, wb);
    const first = ok(await h.call('org', 'demo-district', 'importTree', { fileId }));
    expect(first).toMatchObject({ written: true, problems: [] });
    expect(first.counts.org).toEqual({ added: 2, changed: 3, unchanged: 7 });
    const members = () =>
      Object.fromEntries(
        h.store
          .dump('orgs')
          .filter((o) => ['org1', 'org2', 'org3', 'org4', 'orgaudit', 'orgstats'].includes(o._id))
          .map((o) => [o._id, o.members]),
      );
    expect(members()).toEqual({ org1: null, org2: 45, org3: 0, org4: undefined, orgaudit: 120, orgstats: null });
    expect(h.store.dump('audit').find((a) => a.action === 'tree.org.import' && a.entityId === 'org2')).toMatchObject({
      before: expect.not.objectContaining({ members: expect.anything() }),
      after: expect.objectContaining({ members: 45 }),
    });
    const tree1 = ok(await h.call('org', 'demo-district', 'tree', {}));
    expect(tree1.orgs.find((o: { id: string }) => o.id === 'orgaudit')).toMatchObject({ members: 120 });

    const again = tree(h);
    const second = ok(await h.call('org', 'demo-district', 'importTree', { fileId }));
    expect(second.counts.org).toEqual({ added: 0, changed: 0, unchanged: 12 });
    expect(tree(h)).toBe(again);
    // Exported now, it says what was imported, and imported back changes nothing either.
    const back = await exported(h);
    expect(rowsOf(back, '报到单位').find((r) => r[0] === 'org3')).toEqual(['org3', '区卫健委机关党支部', '0', '在用']);
    const roundTrip = ok(await h.call('org', 'demo-district', 'importTree', { fileId: await upload(h, back) }));
    expect(roundTrip.counts.org).toEqual({ added: 0, changed: 0, unchanged: 12 });
    expect(tree(h)).toBe(again);
  });

  test('a wrong 在职党员数 is reported (sheet, row, column, reason) and nothing is written', async () => {
    const h = createHarness();
    const wb = await exported(h);
    const orgs = wb.getWorksheet('报到单位')!;
    const bad: Array<string | number> = ['约120人', -3, 2.5, 1_000_001, '1,200'];
    bad.forEach((members, i) => orgs.addRow([`orgbad${i}`, `新单位${i}`, members, '']));
    orgs.getRow(2).getCell(3).value = 'abc';
    const before = tree(h);
    const report = ok(await h.call('org', 'demo-district', 'importTree', { fileId: await upload(h, wb) }));
    expect(report.written).toBe(false);
    const reason = '在职党员数应为0至1000000的整数（不填表示未填报）';
    expect(report.problems).toEqual(
      [2, 12, 13, 14, 15, 16].map((row) => ({ sheet: '报到单位', row, field: '在职党员数', reason })),
    );
    expect(tree(h)).toBe(before);
  });

  test('a file exported before the 在职党员数 column still imports, and leaves the declared numbers as they are', async () => {
    const h = createHarness();
    h.store.update('orgs', { _id: 'org2' }, { members: 30 });
    const wb = await exported(h);
    // The 报到单位 sheet as it was exported before: 编号, 名称, 状态.
    const orgs = wb.getWorksheet('报到单位')!;
    orgs.spliceColumns(3, 1);
    expect(rowsOf(wb, '报到单位')[0]).toEqual(['编号', '名称', '状态']);
    for (let r = 2; r <= orgs.rowCount; r++)
      if (orgs.getRow(r).getCell(1).text === 'org1') orgs.getRow(r).getCell(2).value = '区财政局党支部';
    orgs.addRow(['orgaudit', '区审计局机关党支部', '']);
    const fileId = await upload(h, wb);
    const first = ok(await h.call('org', 'demo-district', 'importTree', { fileId }));
    expect(first).toMatchObject({ written: true, problems: [] });
    expect(first.counts.org).toEqual({ added: 1, changed: 1, unchanged: 9 });
    const stored = (id: string) => h.store.dump('orgs').find((o) => o._id === id);
    expect(stored('org1')).toEqual({ _id: 'org1', name: '区财政局党支部', districtId: 'yj', members: 6 });
    expect(stored('org2')).toMatchObject({ members: 30 });
    expect(stored('orgaudit')).toEqual({ _id: 'orgaudit', name: '区审计局机关党支部', districtId: 'yj' });
    const again = tree(h);
    const second = ok(await h.call('org', 'demo-district', 'importTree', { fileId }));
    expect(second.counts.org).toEqual({ added: 0, changed: 0, unchanged: 11 });
    expect(tree(h)).toBe(again);
  });

  test('a file with broken rows: every problem reported (sheet, row, column, reason), nothing written', async () => {
    const h = createHarness();
    const wb = await exported(h);
    wb.getWorksheet('社区')!.addRow(['Ren-Min', '人民路社区', '']); // row 5: id
    wb.getWorksheet('社区')!.addRow(['huazhong', '', '']); // row 6: duplicate id, no name
    wb.getWorksheet('网格')!.addRow(['newg', '新网格', 'abc', 'nowhere', '']); // row 11: seq, parent
    wb.getWorksheet('单元')!.addRow(['newu', '02栋1单元', 1, 'huazhongg2', '暂停']); // row 56: status
    wb.getWorksheet('单元')!.addRow(['huazhongg1u1', '01栋1单元', 1, 'huazhongg1', '']); // row 57: dup id
    wb.getWorksheet('单元')!.getRow(2).getCell(4).value = 'huazhongg2'; // moved to another grid
    const before = tree(h);
    const report = ok(await h.call('org', 'demo-district', 'importTree', { fileId: await upload(h, wb) }));
    expect(report.written).toBe(false);
    expect(report.problems).toEqual([
      { sheet: '社区', row: 5, field: '编号', reason: '社区编号只能用小写字母和数字，最多14位（它印在社区报到码里）' },
      { sheet: '社区', row: 6, field: '编号', reason: '编号与第2行重复' },
      { sheet: '社区', row: 6, field: '名称', reason: '请填写名称' },
      {
        sheet: '网格',
        row: 11,
        field: '序号',
        reason: '序号应为1至9999的整数（不填：已有的保持原序，新增的排在最后）',
      },
      { sheet: '单元', row: 56, field: '状态', reason: '状态只能填“在用”或“停用”（不填为在用）' },
      { sheet: '单元', row: 57, field: '编号', reason: '编号与第2行重复' },
    ]);
    expect(tree(h)).toBe(before);

    // With the cells fixed, what only the store can tell.
    const next = await exported(h);
    next.getWorksheet('网格')!.addRow(['newg', '新网格', 4, 'nowhere', '']); // row 11
    next.getWorksheet('单元')!.getRow(2).getCell(4).value = 'huazhongg2'; // row 2 moved
    next.getWorksheet('单元')!.getRow(3).getCell(2).value = '01栋3单元'; // row 3: the name of row 4
    next.getWorksheet('社区')!.getRow(2).getCell(3).value = '停用'; // grids still in use under it
    const store = ok(await h.call('org', 'demo-district', 'importTree', { fileId: await upload(h, next) }));
    expect(store).toMatchObject({ written: false, moreProblems: 0 });
    expect(store.problems).toEqual(
      expect.arrayContaining([
        {
          sheet: '网格',
          row: 11,
          field: '所属社区编号',
          reason: '社区编号“nowhere”不存在：请先在「社区」表中填写',
        },
        {
          sheet: '单元',
          row: 2,
          field: '所属网格编号',
          reason: '单元不能改到其他网格（原属网格编号 huazhongg1）：请停用后新增',
        },
        { sheet: '单元', row: 4, field: '名称', reason: '与第3行同属一个上级且名称相同' },
        { sheet: '社区', row: 2, field: '状态', reason: '社区下还有在用的网格，请先将它们停用' },
        // The grids of the retired community are still in use: each says so.
        { sheet: '网格', row: 2, field: '所属社区编号', reason: '所属社区已停用，本行应填“停用”' },
      ]),
    );
    expect(tree(h)).toBe(before);
  });

  test('a file that names a place the district already has under another 编号 is reported, nothing written', async () => {
    const h = createHarness();
    // Only the new rows, as a district adding to its tree might send: the store has the rest.
    const wb = await exported(h, true);
    wb.getWorksheet('单元')!.addRow(['newunit', '01栋1单元', '', 'huazhongg1', '']);
    wb.getWorksheet('单元')!.addRow(['newunit2', '09栋1单元', '', 'huazhongg1', '']);
    wb.getWorksheet('社区')!.addRow(['xiaosu2', '孝肃社区', '']);
    const before = tree(h);
    const report = ok(await h.call('org', 'demo-district', 'importTree', { fileId: await upload(h, wb) }));
    expect(report.problems).toEqual([
      {
        sheet: '社区',
        row: 2,
        field: '名称',
        reason: '与系统中已有的社区“孝肃社区”（编号 xiaosu）同属一个上级且名称相同',
      },
      {
        sheet: '单元',
        row: 2,
        field: '名称',
        reason: '与系统中已有的单元“01栋1单元”（编号 huazhongg1u1）同属一个上级且名称相同',
      },
    ]);
    expect(tree(h)).toBe(before);
    // Under a name of its own it goes in, after the grid's units.
    wb.getWorksheet('单元')!.getRow(2).getCell(2).value = '09栋2单元';
    wb.getWorksheet('社区')!.getRow(2).getCell(2).value = '孝肃新村社区';
    const written = ok(await h.call('org', 'demo-district', 'importTree', { fileId: await upload(h, wb) }));
    expect(written.counts.unit).toEqual({ added: 2, changed: 0, unchanged: 0 });
    expect(
      h.store
        .dump('units')
        .filter((u) => ['newunit', 'newunit2'].includes(u._id))
        .map((u) => u.seq),
    ).toEqual([7, 8]);
  });

  test('not an xlsx, a sheet renamed, another person’s file, another district’s ids: refused or reported', async () => {
    const h = createHarness();
    const before = tree(h);
    const text = h.files.save('demo-district', Buffer.from('编号,名称\nx,y\n'), 'xlsx');
    expect(errorCode(await h.call('org', 'demo-district', 'importTree', { fileId: text }))).toBe('ORG.FILE_UNREADABLE');
    const wb = await exported(h);
    expect(
      errorCode(await h.call('org', 'demo-district', 'importTree', { fileId: await upload(h, wb, 'demo-station') })),
    ).toBe('ORG.FILE_NOT_YOURS');
    const missing = '/uploads/0123456789abcdef0123/0123456789abcdef0123456789abcdef.xlsx';
    expect(errorCode(await h.call('org', 'demo-district', 'importTree', { fileId: missing }))).toBe(
      'ORG.FILE_NOT_YOURS',
    );
    wb.getWorksheet('网格')!.name = '网格表';
    wb.getWorksheet('单元')!.getRow(1).getCell(4).value = '网格';
    const renamed = ok(await h.call('org', 'demo-district', 'importTree', { fileId: await upload(h, wb) }));
    expect(renamed.problems).toEqual([
      { sheet: '网格', row: 0, field: '', reason: '找不到工作表「网格」：请使用下载的模板，不要改表名' },
      { sheet: '单元', row: 1, field: '所属网格编号', reason: '缺少“所属网格编号”列：请不要修改表头' },
    ]);
    // An id another district uses.
    expect(tree(h)).toBe(before);
    h.store.insertMany('communities', [{ _id: 'other', name: '外区社区', districtId: 'zz' }]);
    const withOther = tree(h);
    const other = await exported(h);
    other.getWorksheet('社区')!.addRow(['other', '外区社区', '']);
    const clash = ok(await h.call('org', 'demo-district', 'importTree', { fileId: await upload(h, other) }));
    expect(clash.problems).toEqual([{ sheet: '社区', row: 5, field: '编号', reason: '编号已被其他区使用' }]);
    expect(tree(h)).toBe(withOther);
  });
});
