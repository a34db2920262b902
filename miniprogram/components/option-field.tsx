import { ScrollView, View } from '@tarojs/components';
import { useState } from 'react';

export type Option = { id: string; name: string };

type Props = {
  label: string;
  placeholder: string;
  options: Option[];
  value: string;
  onChange: (id: string) => void;
  error?: string;
  testid: string;
  disabled?: boolean;
};

/**
 * A form field that opens a bottom sheet of options: big touch targets, the same on weapp and H5,
 * and long lists (units of a grid) scroll inside the sheet.
 */
export function OptionField(props: Props) {
  const [open, setOpen] = useState(false);
  const chosen = props.options.find((o) => o.id === props.value);
  return (
    <View className="field">
      <View className="field-label">{props.label}</View>
      <View
        className={`field-picker ${chosen ? '' : 'field-placeholder'}`}
        data-testid={props.testid}
        onClick={() => !props.disabled && props.options.length > 0 && setOpen(true)}
      >
        {chosen?.name ?? props.placeholder}
      </View>
      {props.error ? <View className="field-error">{props.error}</View> : null}
      {open ? (
        <View className="sheet-mask" onClick={() => setOpen(false)}>
          <View className="sheet" onClick={(e) => e.stopPropagation()}>
            <View className="sheet-title">{props.label}</View>
            <ScrollView scrollY className="sheet-list">
              {props.options.map((o) => (
                <View
                  key={o.id}
                  className={`sheet-option ${o.id === props.value ? 'sheet-option-active' : ''}`}
                  data-testid={`${props.testid}-option`}
                  onClick={() => {
                    props.onChange(o.id);
                    setOpen(false);
                  }}
                >
                  {o.name}
                </View>
              ))}
            </ScrollView>
            <View className="sheet-cancel" onClick={() => setOpen(false)}>
              取消
            </View>
          </View>
        </View>
      ) : null}
    </View>
  );
}
