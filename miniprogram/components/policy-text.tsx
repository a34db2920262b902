import { Text, View } from '@tarojs/components';
import { policyVersionLabel, type PolicyDocument } from '@shared/org/policy';

/** A policy document's text: its title, version, and each section's heading and paragraphs. */
export function PolicyText({ doc }: { doc: PolicyDocument }) {
  return (
    <View className="policy" data-testid="policy-document" data-doc={doc.key}>
      <View className="policy-title" role="heading" aria-level={2}>
        {doc.title}
      </View>
      <View className="hint">{policyVersionLabel}</View>
      {doc.sections.map((s) => (
        <View key={s.heading} className="policy-section">
          <View className="policy-heading" role="heading" aria-level={3}>
            {s.heading}
          </View>
          {s.paragraphs.map((p) => (
            <Text key={p} className="policy-paragraph" selectable>
              {p}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}
