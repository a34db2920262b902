import type { ReactNode } from 'react';

/** Small DOM stand-ins for Taro's components in jest: rendering the real ones needs Taro's globals and ESM transforms. */
type Props = {
  children?: ReactNode;
  className?: string;
  onClick?: (e: { stopPropagation(): void }) => void;
  [k: string]: unknown;
};

export const View = ({ children, ...rest }: Props) => <div {...(rest as object)}>{children}</div>;
export const Text = ({ children, ...rest }: Props) => <span {...(rest as object)}>{children}</span>;
export const ScrollView = ({ children, className }: Props) => <div className={className}>{children}</div>;
export const Image = ({ src, className }: Props) => <img src={src as string} className={className} alt="" />;
