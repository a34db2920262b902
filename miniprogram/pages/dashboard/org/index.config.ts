export default definePageConfig({ navigationBarTitleText: '本单位统计' });
