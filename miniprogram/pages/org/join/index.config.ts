export default definePageConfig({ navigationBarTitleText: '身份邀请' });
