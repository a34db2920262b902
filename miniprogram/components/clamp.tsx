import { View } from '@tarojs/components';
import { useState } from 'react';

/** About three lines at the large text size on a 375-wide phone. */
const longer = 54;

/**
 * A long body in a list (a wish's or a problem's description) shows its first three lines and 展开; one
 * entry must not fill the screen.
 */
export function Clamp({ text, testid }: { text: string; testid?: string }) {
  const [open, setOpen] = useState(false);
  const long = text.length > longer;
  return (
    <View>
      <View className={`list-line ${long && !open ? 'clamp' : ''}`} data-testid={testid}>
        {text}
      </View>
      {long ? (
        <View className="link" role="button" onClick={() => setOpen(!open)}>
          {open ? '收起' : '展开全文'}
        </View>
      ) : null}
    </View>
  );
}
