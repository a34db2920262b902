export default definePageConfig({ navigationBarTitleText: '隐私政策和用户协议' });
