import { Input, Picker, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { overLimit } from './limits';

export function FieldError({ text }: { text?: string }) {
  return text ? (
    <View className="field-error" role="alert">
      {text}
    </View>
  ) : null;
}

/** n/max under a limited text; red once it is over. */
export function Counter({ value, max }: { value: string; max: number }) {
  return (
    <View className={`field-counter ${value.length > max ? 'field-counter-over' : ''}`} data-testid="counter">
      {value.length}/{max}
    </View>
  );
}

/**
 * A form's field errors (from the server's `fields`, or the page's own checks); a field's error goes as soon
 * as the person changes that field.
 */
export function useFieldErrors() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const clear = (name: string) =>
    setErrors((old) => {
      if (!(name in old)) return old;
      const rest = { ...old };
      delete rest[name];
      return rest;
    });
  /** An input handler that sets the value and clears the field's error. */
  const edit =
    <T,>(name: string, set: (v: T) => void) =>
    (v: T) => {
      set(v);
      clear(name);
    };
  return { errors, setErrors, clear, edit };
}

type TextProps = {
  label: string;
  name: string;
  value: string;
  onInput: (value: string) => void;
  placeholder?: string;
  error?: string;
  type?: 'text' | 'number' | 'digit';
  /** A hard cap for codes and numbers (a phone's 11 digits). */
  maxlength?: number;
  /** A text's limit: shown as n/max, and over it the field says so instead of cutting the text. */
  limit?: number;
  multiline?: boolean;
};

/** A labelled text input with its counter and its field error underneath. */
export function TextField(p: TextProps) {
  const cap = p.limit ? -1 : (p.maxlength ?? 100);
  const error = (p.limit ? overLimit(p.value, p.limit) : undefined) ?? p.error;
  return (
    <View className="field">
      <View className="field-label">{p.label}</View>
      {p.multiline ? (
        <Textarea
          className="field-input field-textarea"
          name={p.name}
          placeholder={p.placeholder}
          value={p.value}
          maxlength={cap}
          nativeProps={{ 'aria-label': p.label }}
          onInput={(e) => p.onInput(e.detail.value)}
        />
      ) : (
        <Input
          className="field-input"
          name={p.name}
          type={p.type ?? 'text'}
          placeholder={p.placeholder}
          value={p.value}
          maxlength={cap}
          nativeProps={{ 'aria-label': p.label }}
          onInput={(e) => p.onInput(e.detail.value)}
        />
      )}
      {p.limit ? <Counter value={p.value} max={p.limit} /> : null}
      <FieldError text={error} />
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
        <View className="field-picker" role="button" data-testid={p.testid}>
          {p.value}
        </View>
      </Picker>
      <FieldError text={p.error} />
    </View>
  );
}
