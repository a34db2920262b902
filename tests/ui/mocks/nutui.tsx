import type { ReactNode } from 'react';

export const Button = ({ children, onClick }: { children?: ReactNode; onClick?: () => void }) => (
  <button className="nut-button" onClick={onClick}>
    {children}
  </button>
);
