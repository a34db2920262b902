/**
 * A subpackage (分包) whose root is its pages' own directory, so each page keeps its path: paths are a
 * public API (notices link to them, printed codes open them). A root holds only pages that all move.
 */
function subpackage(root: string, pages: string[]) {
  return { root, pages: pages.map((page) => page.slice(root.length)) };
}

/**
 * The dashboards (issue 16): one subpackage, pages/dashboard/. Add each dashboard page here as it is written
 * (station/index, district/index, org/index): a page listed before its file exists fails the build.
 */
const dashboards = [
  'pages/dashboard/exports/index',
  'pages/dashboard/station/index',
  'pages/dashboard/district/index',
  'pages/dashboard/org/index',
];

/**
 * The main package holds the tabs and what residents and members open first (README, "Where things are");
 * every admin page (station, grid, district, department, organisation), the points pages and 我的数据 are
 * in subpackages, each downloaded on its first visit. Where a directory mixes both, each admin page is a
 * subpackage of its own directory.
 */
export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/mine/index',
    'pages/login/index',
    'pages/checkin/enrol/index',
    // Printed community codes open this path: it forwards to the 报到 page.
    'pages/checkin/report/index',
    'pages/checkin/posts/index',
    'pages/checkin/activities/index',
    'pages/checkin/activity/index',
    'pages/checkin/scan/index',
    'pages/checkin/service/index',
    'pages/wish/post/index',
    'pages/wish/mine/index',
    'pages/wish/wall/index',
    'pages/wish/claims/index',
    'pages/whistle/new/index',
    'pages/whistle/mine/index',
    'pages/inbox/index',
    // Invitation codes open this path (their scene is the code): it stays.
    'pages/org/join/index',
    'pages/mine/privacy/index',
  ],
  subPackages: [
    // 积分: the members' pages (opened after their first services, preloaded below) and the station's.
    subpackage('pages/points/', [
      'pages/points/log/index',
      'pages/points/mine/index',
      'pages/points/shop/index',
      'pages/points/orders/index',
      'pages/points/item-edit/index',
      'pages/points/confirm/index',
      'pages/points/station/index',
    ]),
    subpackage('pages/checkin/code/', ['pages/checkin/code/index']),
    subpackage('pages/checkin/review/', ['pages/checkin/review/index']),
    subpackage('pages/checkin/receipts/', ['pages/checkin/receipts/index']),
    subpackage('pages/checkin/post-edit/', ['pages/checkin/post-edit/index']),
    subpackage('pages/checkin/activity-edit/', ['pages/checkin/activity-edit/index']),
    subpackage('pages/checkin/org-half-year/', ['pages/checkin/org-half-year/index']),
    subpackage('pages/wish/review/', ['pages/wish/review/index']),
    subpackage('pages/wish/unit/', ['pages/wish/unit/index']),
    subpackage('pages/whistle/station/', ['pages/whistle/station/index']),
    subpackage('pages/whistle/department/', ['pages/whistle/department/index']),
    subpackage('pages/whistle/stats/', ['pages/whistle/stats/index']),
    subpackage('pages/org/calendar/', ['pages/org/calendar/index']),
    subpackage('pages/org/settings/', ['pages/org/settings/index']),
    subpackage('pages/org/tree/', ['pages/org/tree/index']),
    subpackage('pages/org/people/', ['pages/org/people/index']),
    subpackage('pages/org/pairing/', ['pages/org/pairing/index']),
    // 我的数据 (what is held, 注销): read from the server anyway, opened rarely; 隐私政策 stays in the main package.
    subpackage('pages/mine/data/', ['pages/mine/data/index']),
    subpackage('pages/dashboard/', dashboards),
  ],
  // On Wi-Fi, the home downloads the points pages (a member's next stop) ahead of the first tap.
  preloadRule: { 'pages/index/index': { network: 'wifi', packages: ['pages/points/'] } },
  // WeChat's privacy flow (its prompt before a photo or the location) goes through the app's consent gate.
  __usePrivacyCheck__: true,
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
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tab-home.png',
        selectedIconPath: 'assets/tab-home-active.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tab-mine.png',
        selectedIconPath: 'assets/tab-mine-active.png',
      },
    ],
  },
});
