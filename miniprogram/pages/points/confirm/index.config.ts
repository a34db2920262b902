export default definePageConfig({
  navigationBarTitleText: '确认服务时长',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
});
