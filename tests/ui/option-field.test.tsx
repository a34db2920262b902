import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { OptionField } from '../../miniprogram/components/option-field';
import { ErrorView } from '../../miniprogram/components/states';
import { StatusTag } from '../../miniprogram/components/status-tag';
import { CallError } from '../../miniprogram/api/call';

const grids = [
  { id: 'g1', name: '第一网格' },
  { id: 'g2', name: '第二网格' },
];

function Harness({ onChange }: { onChange: (id: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <OptionField
      label="居住网格"
      placeholder="请选择"
      options={grids}
      value={value}
      testid="pick"
      error={value ? undefined : '请选择网格'}
      onChange={(id) => {
        setValue(id);
        onChange(id);
      }}
    />
  );
}

describe('OptionField', () => {
  test('shows the placeholder and error, opens a sheet, and a choice closes it', () => {
    const onChange = jest.fn();
    render(<Harness onChange={onChange} />);
    expect(screen.getByTestId('pick').textContent).toBe('请选择');
    expect(screen.getByText('请选择网格')).toBeTruthy();
    expect(screen.queryAllByTestId('pick-option')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('pick'));
    expect(screen.getAllByTestId('pick-option').map((o) => o.textContent)).toEqual(['第一网格', '第二网格']);
    fireEvent.click(screen.getByText('第二网格'));
    expect(onChange).toHaveBeenCalledWith('g2');
    expect(screen.queryAllByTestId('pick-option')).toHaveLength(0);
    expect(screen.getByTestId('pick').textContent).toBe('第二网格');
    expect(screen.queryByText('请选择网格')).toBeNull();
  });

  test('cancel closes the sheet without a change', () => {
    const onChange = jest.fn();
    render(<Harness onChange={onChange} />);
    fireEvent.click(screen.getByTestId('pick'));
    fireEvent.click(screen.getByText('取消'));
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.queryAllByTestId('pick-option')).toHaveLength(0);
  });
});

describe('state views', () => {
  test('an error shows the Chinese text of its code, never the server message, and retries', () => {
    const retry = jest.fn();
    render(
      <ErrorView error={new CallError({ code: 'CHECKIN.CODE_INVALID', message: 'raw server text' })} onRetry={retry} />,
    );
    expect(screen.getByRole('alert').textContent).toContain('二维码无效或已被篡改');
    expect(screen.queryByText('raw server text')).toBeNull();
    fireEvent.click(screen.getByText('重试'));
    expect(retry).toHaveBeenCalled();
  });

  test.each([
    ['pending', '待审核'],
    ['approved', '已报到'],
    ['rejected', '已驳回'],
  ] as const)('status %s reads %s', (status, text) => {
    render(<StatusTag status={status} />);
    expect(screen.getByText(text)).toBeTruthy();
  });
});
