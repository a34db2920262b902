export default definePageConfig({
  navigationBarTitleText: '我认领的心愿',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
});
