import type { ReactNode } from 'react';

/** Small DOM stand-ins for Taro's components in jest: rendering the real ones needs Taro's globals and ESM transforms. */
type Props = {
  children?: ReactNode;
  className?: string;
  onClick?: (e: { stopPropagation(): void }) => void;
  [k: string]: unknown;
};
type FieldProps = {
  value?: string;
  name?: string;
  placeholder?: string;
  maxlength?: number;
  className?: string;
  nativeProps?: Record<string, unknown>;
  onInput?: (e: { detail: { value: string } }) => void;
};

export const View = ({ children, ...rest }: Props) => <div {...(rest as object)}>{children}</div>;
export const Text = ({ children, selectable: _s, userSelect: _u, ...rest }: Props) => (
  <span {...(rest as object)}>{children}</span>
);
export const ScrollView = ({ children, className }: Props) => <div className={className}>{children}</div>;
export const Image = ({ src, className }: Props) => <img src={src as string} className={className} alt="" />;
export const Input = ({ onInput, nativeProps, maxlength, ...p }: FieldProps) => (
  <input
    {...p}
    {...nativeProps}
    {...(maxlength !== undefined && maxlength >= 0 ? { maxLength: maxlength } : {})}
    onChange={(e) => onInput?.({ detail: { value: e.target.value } })}
  />
);
export const Textarea = ({ onInput, nativeProps, maxlength, ...p }: FieldProps) => (
  <textarea
    {...p}
    {...nativeProps}
    {...(maxlength !== undefined && maxlength >= 0 ? { maxLength: maxlength } : {})}
    onChange={(e) => onInput?.({ detail: { value: e.target.value } })}
  />
);
export const Picker = ({ children, start, end, fields }: Props) => (
  <div data-picker="" data-start={start as string} data-end={end as string} data-fields={fields as string}>
    {children}
  </div>
);
export const Switch = ({ checked, onChange, nativeProps }: Props) => (
  <input
    type="checkbox"
    checked={checked as boolean}
    {...(nativeProps as object)}
    onChange={(e) => (onChange as (e: { detail: { value: boolean } }) => void)({ detail: { value: e.target.checked } })}
  />
);
