import { cloudbaseRuntime, cloudSettings } from '../../core/platform/cloudbase.platform';
import { withOperatorProbe } from '../../core/platform/operator-probe';
import { wxOpenApi } from '../../core/platform/wx-openapi';
import { indexes } from '../storage';
import { timer } from './function';

const runtime = () => cloudbaseRuntime(indexes);

/**
 * The bundle entry of the deployed `timer` function. It calls WeChat's open APIs, so it also answers the
 * operator's signed probe of them (`npm run cloudbase:doctor`; core/platform/operator-probe.ts).
 */
export const main = withOperatorProbe('timer', timer(runtime), {
  runtime,
  openApi: wxOpenApi,
  wechat: () => cloudSettings().wechat,
});
