/**
 * How many characters each free-text field takes: the `.max()` of the contracts' zod schemas, copied here
 * so the mini-program does not bundle zod; tests/ui/forms.test.tsx checks every figure against its schema.
 */
export const limits = {
  wishTitle: 30,
  wishDescription: 300,
  wishThanks: 100,
  wishReviewReason: 200,
  releaseReason: 100,
  wishNote: 200,
  problemDescription: 500,
  problemResult: 500,
  problemReason: 200,
  problemComment: 200,
  problemBelongsTo: 50,
  problemProgress: 200,
  postName: 30,
  postDuty: 300,
  activityTitle: 40,
  activityPlace: 60,
  correctionNote: 100,
  serviceDescription: 100,
  serviceReason: 100,
  itemName: 30,
  itemDescription: 200,
  entryReason: 100,
  enrolmentReason: 200,
  calendarHolidays: 3000,
  calendarWorkdays: 1000,
  calendarSource: 100,
  placeName: 40,
} as const;

/** The message for a text over its limit: never cut silently, say by how much. */
export const overLimit = (text: string, max: number) =>
  text.length > max ? `最多${max}个字，请删去${text.length - max}个字` : undefined;
