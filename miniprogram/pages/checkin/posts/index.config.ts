export default definePageConfig({
  navigationBarTitleText: '岗位认领',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
});
