import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import type { z } from 'zod';
import Taro from '@tarojs/taro';
import { activityActions } from '@shared/checkin/activity.contract';
import { checkinContract } from '@shared/checkin/checkin.contract';
import { postActions } from '@shared/checkin/post.contract';
import { pointsContract } from '@shared/points/points.contract';
import { orgContract } from '@shared/org/org.contract';
import { whistleContract } from '@shared/whistle/whistle.contract';
import { wishContract } from '@shared/wish/wish.contract';
import { CallError } from '../../miniprogram/api/call';
import { Clamp } from '../../miniprogram/components/clamp';
import { TextField, useFieldErrors } from '../../miniprogram/components/form';
import { limits } from '../../miniprogram/components/limits';
import { NoteAction } from '../../miniprogram/components/note-action';
import { ErrorView, Result } from '../../miniprogram/components/states';

/** The `.max()` of a field of an action's input, through optional and default wrappers. */
function maxOf(input: z.ZodType, field: string): number | null {
  let schema = (input as unknown as { shape: Record<string, z.ZodType> }).shape[field] as unknown as {
    maxLength?: number | null;
    unwrap?: () => unknown;
    def?: { innerType?: unknown };
  };
  while (schema && schema.maxLength === undefined)
    schema = (schema.unwrap?.() ?? schema.def?.innerType) as typeof schema;
  return schema?.maxLength ?? null;
}

describe('limits of free-text fields', () => {
  test.each([
    ['wishTitle', wishContract.postWish.input, 'title'],
    ['wishDescription', wishContract.postWish.input, 'description'],
    ['wishThanks', wishContract.thankWish.input, 'thanks'],
    ['wishReviewReason', wishContract.reviewWish.input, 'reason'],
    ['releaseReason', wishContract.releaseClaim.input, 'reason'],
    ['wishNote', wishContract.fulfilWish.input, 'note'],
    ['wishNote', wishContract.confirmWish.input, 'note'],
    ['problemDescription', whistleContract.submitProblem.input, 'description'],
    ['problemResult', whistleContract.respond.input, 'result'],
    ['problemResult', whistleContract.stationRespond.input, 'result'],
    ['problemReason', whistleContract.triage.input, 'reason'],
    ['problemComment', whistleContract.rate.input, 'comment'],
    ['problemBelongsTo', whistleContract.notOurs.input, 'belongsTo'],
    ['problemProgress', whistleContract.addProgress.input, 'note'],
    ['postName', postActions.createPost.input, 'name'],
    ['postDuty', postActions.createPost.input, 'duty'],
    ['activityTitle', activityActions.createActivity.input, 'title'],
    ['activityPlace', activityActions.createActivity.input, 'place'],
    ['correctionNote', activityActions.correctCheckOut.input, 'note'],
    ['serviceDescription', pointsContract.logService.input, 'description'],
    ['serviceReason', pointsContract.reviewServices.input, 'reason'],
    ['itemName', pointsContract.saveItem.input, 'name'],
    ['itemDescription', pointsContract.saveItem.input, 'description'],
    ['entryReason', pointsContract.reverseEntry.input, 'reason'],
    ['enrolmentReason', checkinContract.reviewReport.input, 'reason'],
    ['calendarHolidays', orgContract.saveCalendarYear.input, 'holidays'],
    ['calendarWorkdays', orgContract.saveCalendarYear.input, 'workdays'],
    ['calendarSource', orgContract.saveCalendarYear.input, 'source'],
    ['placeName', orgContract.savePlace.input, 'name'],
  ] as const)('%s is the contract’s limit (%#)', (name, input, field) => {
    expect(limits[name]).toBe(maxOf(input as z.ZodType, field));
  });
});

function Form() {
  const [title, setTitle] = useState('');
  const [place, setPlace] = useState('');
  const { errors, setErrors, edit } = useFieldErrors();
  return (
    <div>
      <TextField
        label="心愿标题"
        name="title"
        limit={30}
        value={title}
        onInput={edit('title', setTitle)}
        error={errors.title}
      />
      <TextField label="地点" name="place" value={place} onInput={edit('place', setPlace)} error={errors.place} />
      <button onClick={() => setErrors({ title: '心愿标题至少2个字', place: '请填写活动地点' })}>submit</button>
    </div>
  );
}

describe('form fields', () => {
  test('a limited field counts n/max and refuses a text over it with a message, without cutting it', () => {
    render(<Form />);
    const input = screen.getByLabelText('心愿标题') as HTMLInputElement;
    expect(input.maxLength).toBe(-1); // no silent cut
    expect(screen.getByTestId('counter').textContent).toBe('0/30');
    fireEvent.change(input, { target: { value: '帮'.repeat(33) } });
    expect(input.value).toHaveLength(33);
    expect(screen.getByTestId('counter').textContent).toBe('33/30');
    expect(screen.getByRole('alert').textContent).toBe('最多30个字，请删去3个字');
    fireEvent.change(input, { target: { value: '帮'.repeat(30) } });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  test('a red error goes as soon as its field is changed, and only that one', () => {
    render(<Form />);
    fireEvent.click(screen.getByText('submit'));
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual(['心愿标题至少2个字', '请填写活动地点']);
    fireEvent.change(screen.getByLabelText('心愿标题'), { target: { value: '修水龙头' } });
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual(['请填写活动地点']);
  });

  test('an inline reason form shows its count and will not submit over the limit', () => {
    const submit = jest.fn(async () => undefined);
    render(<NoteAction label="驳回" placeholder="驳回原因" confirm="确认驳回" limit={10} onSubmit={submit} />);
    fireEvent.click(screen.getByText('驳回'));
    fireEvent.change(screen.getByLabelText('驳回原因'), { target: { value: '原因'.repeat(6) } });
    expect(screen.getByTestId('counter').textContent).toBe('12/10');
    expect((screen.getByText('确认驳回') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('驳回原因'), { target: { value: '材料不全' } });
    expect((screen.getByText('确认驳回') as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('states with a way on', () => {
  beforeEach(() => jest.clearAllMocks());

  test.each(['AUTH.FORBIDDEN', 'AUTH.OUT_OF_SCOPE', 'AUTH.NOT_A_MEMBER', 'AUTH.UNAUTHENTICATED'] as const)(
    'a permission error (%s) offers 返回首页, not 重试',
    (code) => {
      render(<ErrorView error={new CallError({ code, message: '' })} onRetry={jest.fn()} />);
      expect(screen.queryByText('重试')).toBeNull();
      fireEvent.click(screen.getByText('返回首页'));
      expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' });
    },
  );

  test('any other error offers 重试 and 返回首页', () => {
    const retry = jest.fn();
    render(<ErrorView error={new CallError({ code: 'INTERNAL', message: '' })} onRetry={retry} />);
    fireEvent.click(screen.getByText('重试'));
    expect(retry).toHaveBeenCalled();
    expect(screen.getByText('返回首页')).toBeTruthy();
  });

  test('a result says what happened, what comes next, and goes home', () => {
    render(<Result ok title="签到成功" next="离开时请再次扫码签退" />);
    expect(screen.getByRole('status').textContent).toContain('离开时请再次扫码签退');
    fireEvent.click(screen.getByText('返回首页'));
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' });
  });
});

describe('long text in lists', () => {
  test('a long body is clamped with 展开 and opens on tap; a short one is not', () => {
    const { rerender } = render(<Clamp text={'需要'.repeat(60)} testid="body" />);
    expect(screen.getByTestId('body').className).toContain('clamp');
    fireEvent.click(screen.getByText('展开全文'));
    expect(screen.getByTestId('body').className).not.toContain('clamp');
    expect(screen.getByText('收起')).toBeTruthy();
    rerender(<Clamp text="修水龙头" testid="body2" />);
    expect(screen.getByTestId('body2').className).not.toContain('clamp');
    expect(screen.queryByText('展开全文')).toBeNull();
  });
});
