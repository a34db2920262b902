import { Input, Picker, Textarea, View } from '@tarojs/components';

export function FieldError({ text }: { text?: string }) {
  return text ? <View className="field-error">{text}</View> : null;
}

type TextProps = {
  label: string;
  name: string;
  value: string;
  onInput: (value: string) => void;
  placeholder?: string;
  error?: string;
  type?: 'text' | 'number' | 'digit';
  maxlength?: number;
  multiline?: boolean;
};

/** A labelled text input with its field error underneath. */
export function TextField(p: TextProps) {
  return (
    <View className="field">
      <View className="field-label">{p.label}</View>
      {p.multiline ? (
        <Textarea
          className="field-input field-textarea"
          name={p.name}
          placeholder={p.placeholder}
          value={p.value}
          maxlength={p.maxlength ?? 300}
          onInput={(e) => p.onInput(e.detail.value)}
        />
      ) : (
        <Input
          className="field-input"
          name={p.name}
          type={p.type ?? 'text'}
          placeholder={p.placeholder}
          value={p.value}
          maxlength={p.maxlength ?? 100}
          onInput={(e) => p.onInput(e.detail.value)}
        />
      )}
      <FieldError text={p.error} />
    </View>
  );
}

/** A date (YYYY-MM-DD, or YYYY-MM with fields=month) or time (HH:mm) chosen with the platform's picker. */
export function PickerField(p: {
  label: string;
  mode: 'date' | 'time';
  fields?: 'month' | 'day';
  /** The earliest and latest choice (YYYY-MM-DD for dates). */
  start?: string;
  end?: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  testid: string;
}) {
  return (
    <View className="field">
      <View className="field-label">{p.label}</View>
      <Picker
        mode={p.mode}
        {...(p.fields ? { fields: p.fields } : {})}
        {...(p.start ? { start: p.start } : {})}
        {...(p.end ? { end: p.end } : {})}
        value={p.value}
        onChange={(e) => p.onChange(String(e.detail.value))}
      >
        <View className="field-picker" data-testid={p.testid}>
          {p.value}
        </View>
      </Picker>
      <FieldError text={p.error} />
    </View>
  );
}
