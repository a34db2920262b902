import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import CloudBase from '@cloudbase/manager-node';
import tcb from '@cloudbase/node-sdk';
import { CloudbaseStore } from '../../cloudfunctions/core/store/cloudbase.store';
import { indexes } from '../../cloudfunctions/deployed/storage';
import { runMigrations } from './migrations';
import { checkSettings, deployFunctions, ensureDatabase, readCloudbaserc, type Manager } from './plan';

/**
 * `npm run deploy`: builds the function bundles, creates the collections and indexes, and deploys every
 * function with its settings and timer trigger to the CloudBase environment TCB_ENV_ID, then runs the one-off
 * data migrations not yet run there (scripts/cloudbase/migrations.ts).
 * Needs TCB_ENV_ID, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY and HONGLING_SECRET (README: 部署到云开发).
 */
const root = resolve(__dirname, '../..');

async function main() {
  const problems = checkSettings(process.env);
  if (problems.length) {
    console.error(`无法部署：\n- ${problems.join('\n- ')}\n（见 README「部署到云开发」）`);
    process.exit(1);
  }
  execFileSync('npm', ['run', 'build:functions'], { cwd: root, stdio: 'inherit' });
  const config = readCloudbaserc(root, process.env);
  const { TENCENTCLOUD_SECRETID: secretId, TENCENTCLOUD_SECRETKEY: secretKey } = process.env;
  const cloudbase = new CloudBase({ secretId, secretKey, envId: config.envId });
  const manager = cloudbase as unknown as Manager;
  await ensureDatabase(manager, console.log);
  await deployFunctions(manager, config, join(root, config.functionRoot), console.log);
  // After the functions: no old code is left to write the shapes a migration removes.
  const app = tcb.init({ env: config.envId, secretId, secretKey });
  const store = new CloudbaseStore(app.database(), { indexes });
  for (const line of await runMigrations({ store, files: cloudbase.storage, now: new Date() })) console.log(line);
  console.log(`完成：环境 ${config.envId}。下一步：导入区/社区/网格/单元，授予第一位区级管理员（README）。`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
