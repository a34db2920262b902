import { Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';

/** A button that first asks for a short text (a reason, a note) and then runs the action with it. */
export function NoteAction(props: {
  label: string;
  placeholder: string;
  confirm: string;
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
  return (
    <View style={{ width: '100%' }}>
      <Textarea
        className="field-input field-textarea"
        style={{ background: '#f7f7f7', marginTop: '8px' }}
        placeholder={props.placeholder}
        value={text}
        maxlength={200}
        onInput={(e) => setText(e.detail.value)}
      />
      <View className="actions">
        <Button onClick={() => setOpen(false)}>取消</Button>
        <Button
          type={props.danger ? 'danger' : 'primary'}
          disabled={busy || (!props.optional && text.trim().length < 2)}
          onClick={() => void submit()}
        >
          {props.confirm}
        </Button>
      </View>
    </View>
  );
}
