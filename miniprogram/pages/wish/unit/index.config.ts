export default definePageConfig({
  navigationBarTitleText: '单元心愿确认',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
});
