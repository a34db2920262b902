const storage = new Map<string, unknown>();
const Taro = {
  getStorageSync: (k: string) => storage.get(k) ?? '',
  setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
  removeStorageSync: (k: string) => void storage.delete(k),
  showToast: jest.fn(),
};
export default Taro;
