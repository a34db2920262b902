export default definePageConfig({
  navigationBarTitleText: '报到回执',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
});
