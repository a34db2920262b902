import { readFileSync } from 'node:fs';
import tcb from '@cloudbase/node-sdk';
import { buildTree } from '../../local/demo-data';
import { CloudbaseStore } from '../../cloudfunctions/core/store/cloudbase.store';
import { indexes } from '../../cloudfunctions/deployed/storage';
import { newId } from '../../cloudfunctions/core/runtime/ids';
import type { Runtime } from '../../cloudfunctions/core/runtime/runtime';
import { grant, importTree, runTimer } from './admin-commands';

const usage = `用法（需要 TCB_ENV_ID、TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY）：
  npm run cloudbase:admin -- example-tree > district.json   打印一份组织结构样例
  npm run cloudbase:admin -- district <编号> <名称>            只建立区（其余由区委组织部在小程序「组织架构」中导入）
  npm run cloudbase:admin -- import district.json           导入区、社区、网格、单元、报到单位、职能部门
  npm run cloudbase:admin -- grant <用户编号> <角色> <范围编号>  例如 grant oAbc123… districtAdmin yingjiang
  npm run cloudbase:admin -- run-timer <操作人>                  立即运行一次定时任务（记入审计）`;

async function main(args: string[]) {
  const [command, ...rest] = args;
  if (command === 'example-tree') {
    const tree = buildTree({ gridsPerCommunity: 2, unitsPerGrid: 3 }, [{ id: 'huazhong', name: '华中社区' }]);
    const strip = <T extends object>(docs: T[], keys: string[]) =>
      docs.map((d) => Object.fromEntries(Object.entries(d).filter(([k]) => !keys.includes(k))));
    console.log(
      JSON.stringify(
        {
          district: tree.district,
          communities: strip(tree.communities, ['districtId']),
          grids: strip(tree.grids, ['districtId']),
          units: strip(tree.units, ['districtId', 'communityId']),
          orgs: strip(tree.orgs, ['districtId']),
          departments: strip(tree.departments, ['districtId']),
        },
        null,
        2,
      ),
    );
    return;
  }
  if (!['import', 'district', 'grant', 'run-timer'].includes(command ?? '')) return console.log(usage);
  const { TCB_ENV_ID, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY } = process.env;
  if (!TCB_ENV_ID || !TENCENTCLOUD_SECRETID || !TENCENTCLOUD_SECRETKEY) throw new Error(usage);
  const app = tcb.init({ env: TCB_ENV_ID, secretId: TENCENTCLOUD_SECRETID, secretKey: TENCENTCLOUD_SECRETKEY });
  const store = new CloudbaseStore(app.database(), { indexes });
  if (command === 'run-timer') {
    if (!rest[0]) throw new Error(usage);
    const rt: Runtime = {
      store,
      identify: () => null,
      isTimerTrigger: () => false,
      now: () => new Date(),
      newId: () => newId(),
      secret: '',
      log: (entry) => console.error(JSON.stringify(entry)),
    };
    console.log(await runTimer(rt, `cloudbase-admin:${rest[0]}`));
  } else if (command === 'district') {
    const [id, name] = rest;
    if (!id || !name) throw new Error(usage);
    const empty = { communities: [], grids: [], units: [], orgs: [], departments: [] };
    for (const line of await importTree(store, { district: { _id: id, name }, ...empty })) console.log(line);
  } else if (command === 'import') {
    if (!rest[0]) throw new Error(usage);
    for (const line of await importTree(store, JSON.parse(readFileSync(rest[0], 'utf8')))) console.log(line);
  } else {
    const [openid, role, scopeId] = rest;
    if (!openid || !role || !scopeId) throw new Error(usage);
    console.log(await grant(store, openid, role, scopeId, new Date()));
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
