import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { policyDocuments, type PolicyDocument } from '@shared/org/policy';
import { Page } from '../../../components/page';
import { PolicyText } from '../../../components/policy-text';

type Key = PolicyDocument['key'];
const keys: Key[] = ['privacy', 'terms'];

/**
 * 隐私政策 and 用户协议, as agreed to (one version for both). Readable before agreeing and after declining:
 * the consent gate does not cover this page.
 */
export default function Privacy() {
  const router = useRouter();
  const [key, setKey] = useState<Key>(router.params.doc === 'terms' ? 'terms' : 'privacy');
  return (
    <Page title="隐私政策和用户协议" consentFree>
      <View className="tabs" role="tablist">
        {keys.map((k) => (
          <View
            key={k}
            className={`tab ${k === key ? 'tab-active' : ''}`}
            role="tab"
            aria-selected={k === key}
            data-testid={`policy-tab-${k}`}
            onClick={() => setKey(k)}
          >
            {k === 'privacy' ? '隐私政策' : '用户协议'}
          </View>
        ))}
      </View>
      <View className="card">
        <PolicyText doc={policyDocuments[key]} />
      </View>
    </Page>
  );
}
