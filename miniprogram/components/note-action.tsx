import { Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { Counter, FieldError } from './form';
import { overLimit } from './limits';

/**
 * A button that first asks for a short text (a reason, a note) and then runs the action with it. Open, the
 * form takes a whole line of its own, so the buttons beside it keep their width.
 */
export function NoteAction(props: {
  label: string;
  placeholder: string;
  confirm: string;
  /** The contract's limit for the text (components/limits.ts). */
  limit: number;
  danger?: boolean;
  optional?: boolean;
  onSubmit: (text: string) => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  if (!open) return <Button onClick={() => setOpen(true)}>{props.label}</Button>;
  const submit = async () => {
    setBusy(true);
    try {
      await props.onSubmit(text.trim());
      setOpen(false);
      setText('');
    } finally {
      setBusy(false);
    }
  };
  const tooLong = overLimit(text.trim(), props.limit);
  return (
    <View className="inline-form">
      <Textarea
        className="field-input field-textarea inline-textarea"
        placeholder={props.placeholder}
        value={text}
        maxlength={-1}
        nativeProps={{ 'aria-label': props.placeholder }}
        onInput={(e) => setText(e.detail.value)}
      />
      <Counter value={text.trim()} max={props.limit} />
      <FieldError text={tooLong} />
      <View className="actions">
        <Button onClick={() => setOpen(false)}>取消</Button>
        <Button
          type={props.danger ? 'danger' : 'primary'}
          disabled={busy || !!tooLong || (!props.optional && text.trim().length < 2)}
          onClick={() => void submit()}
        >
          {props.confirm}
        </Button>
      </View>
    </View>
  );
}
