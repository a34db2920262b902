import { resolve } from 'node:path';
import CloudBase from '@cloudbase/manager-node';
import { runDoctor, type DoctorManager } from './doctor-checks';

/**
 * `npm run cloudbase:doctor [-- <操作人用户编号>]`: checks the live environment TCB_ENV_ID against the deploy
 * plan and makes a real mini-program code and subscribe message (README: 部署到云开发). Needs TCB_ENV_ID,
 * TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (else it prints 跳过 and exits 0), HONGLING_SECRET for
 * the open-API checks, and the operator's OPENID (argument or HONGLING_OPERATOR_OPENID) for the message.
 */
const root = resolve(__dirname, '../..');

async function main(args: string[]) {
  const report = await runDoctor(process.env, {
    root,
    operator: args[0],
    connect: ({ envId, secretId, secretKey }) =>
      new CloudBase({ secretId, secretKey, envId }) as unknown as DoctorManager,
  });
  for (const line of report.lines) console.log(line);
  process.exit(report.exitCode);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`自检中断：${error instanceof Error ? error.message : String(error)}（请检查 TCB_ENV_ID 与 API 密钥）`);
  process.exit(1);
});
