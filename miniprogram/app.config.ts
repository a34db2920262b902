export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/mine/index',
    'pages/login/index',
    'pages/checkin/report/index',
    'pages/checkin/code/index',
    'pages/checkin/review/index',
    'pages/checkin/receipts/index',
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '红领',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab-home.png', selectedIconPath: 'assets/tab-home-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab-mine.png', selectedIconPath: 'assets/tab-mine-active.png' },
    ],
  },
});
