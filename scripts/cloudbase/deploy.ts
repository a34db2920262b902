import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import CloudBase from '@cloudbase/manager-node';
import { checkSettings, deployFunctions, ensureDatabase, readCloudbaserc, type Manager } from './plan';

/**
 * `npm run deploy`: builds the function bundles, creates the collections and indexes, and deploys every
 * function with its settings and timer trigger to the CloudBase environment TCB_ENV_ID.
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
  const manager = new CloudBase({
    secretId: process.env.TENCENTCLOUD_SECRETID,
    secretKey: process.env.TENCENTCLOUD_SECRETKEY,
    envId: config.envId,
  }) as unknown as Manager;
  await ensureDatabase(manager, console.log);
  await deployFunctions(manager, config, join(root, config.functionRoot), console.log);
  console.log(`完成：环境 ${config.envId}。下一步：导入区/社区/网格/单元，授予第一位区级管理员（README）。`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
