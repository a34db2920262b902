import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';

const entries = [
  { key: 'data', label: '我的数据', hint: '查看保存的关于您的信息，或注销账号', url: '/pages/mine/data/index' },
  {
    key: 'privacy',
    label: '隐私政策',
    hint: '收集哪些信息、谁能看到、保存多久',
    url: '/pages/mine/privacy/index?doc=privacy',
  },
  { key: 'terms', label: '用户协议', hint: '使用红领的约定', url: '/pages/mine/privacy/index?doc=terms' },
];

/** 我的's way to the person's own data and the documents they agreed to (个人信息保护法). */
export function MyDataLinks() {
  return (
    <View className="card" data-testid="my-data-links">
      {entries.map((e) => (
        <View
          key={e.key}
          className="list-line my-data-link"
          role="button"
          data-testid={`mine-${e.key}`}
          onClick={() => void Taro.navigateTo({ url: e.url })}
        >
          <View className="card-title">{e.label} ›</View>
          <View className="hint">{e.hint}</View>
        </View>
      ))}
    </View>
  );
}
