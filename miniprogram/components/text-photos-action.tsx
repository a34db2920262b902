import { Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { Counter, FieldError } from './form';
import { overLimit } from './limits';
import { PhotoPicker } from './photo-picker';

/** A button that opens a short text with up to `maxPhotos` photos, then runs the action with both. */
export function TextPhotosAction(props: {
  label: string;
  placeholder: string;
  confirm: string;
  limit: number;
  maxPhotos?: number;
  onSubmit: (text: string, photos: string[]) => Promise<unknown>;
}) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const max = props.maxPhotos ?? 3;
  if (!open)
    return (
      <Button type="primary" onClick={() => setOpen(true)}>
        {props.label}
      </Button>
    );
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
      {Array.from({ length: max }, (_, i) => i)
        .filter((i) => i <= photos.length)
        .map((i) => (
          <PhotoPicker
            key={i}
            value={photos[i] ?? null}
            label={i === 0 ? '照片（可选）' : ' '}
            onChange={(id) =>
              setPhotos((old) => (id ? [...old.slice(0, i), id, ...old.slice(i + 1)] : old.filter((_, j) => j !== i)))
            }
          />
        ))}
      <View className="actions">
        <Button onClick={() => setOpen(false)}>取消</Button>
        <Button
          type="primary"
          disabled={text.trim().length < 2 || !!tooLong}
          onClick={() => void props.onSubmit(text.trim(), photos)}
        >
          {props.confirm}
        </Button>
      </View>
    </View>
  );
}
