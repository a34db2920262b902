export default definePageConfig({ navigationBarTitleText: '全区统计' });
