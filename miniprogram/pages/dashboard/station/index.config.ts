export default definePageConfig({ navigationBarTitleText: '社区统计' });
