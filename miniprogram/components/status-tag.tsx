import { Text } from '@tarojs/components';
import { enrolmentStatusLabels, type EnrolmentStatus } from '@shared/checkin/enrolment.rules';

const tone: Record<EnrolmentStatus, string> = {
  pending: 'tag-pending',
  approved: 'tag-approved',
  rejected: 'tag-rejected',
  withdrawn: 'tag-other',
  moved: 'tag-other',
};

export function StatusTag({ status }: { status: EnrolmentStatus }) {
  return <Text className={`tag ${tone[status]}`}>{enrolmentStatusLabels[status]}</Text>;
}
