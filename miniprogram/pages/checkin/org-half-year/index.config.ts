export default definePageConfig({
  navigationBarTitleText: '党员半年履责',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
});
