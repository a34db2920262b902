export default definePageConfig({ navigationBarTitleText: '红领', enablePullDownRefresh: true });
