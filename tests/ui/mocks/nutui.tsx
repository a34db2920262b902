import type { ReactNode } from 'react';

export const Button = ({
  children,
  onClick,
  disabled,
}: {
  children?: ReactNode;
  onClick?: () => void;
  disabled?: boolean;
}) => (
  <button className="nut-button" disabled={disabled} onClick={onClick}>
    {children}
  </button>
);
