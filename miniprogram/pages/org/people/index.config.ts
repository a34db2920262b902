export default definePageConfig({ navigationBarTitleText: '人员与身份', enablePullDownRefresh: true });
