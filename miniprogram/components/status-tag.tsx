import { Text } from '@tarojs/components';
import { reportStatusLabels, type ReportStatus } from '@shared/checkin/report.rules';

const tone: Record<ReportStatus, string> = {
  pending: 'tag-pending',
  approved: 'tag-approved',
  rejected: 'tag-rejected',
  withdrawn: 'tag-other',
  moved: 'tag-other',
};

export function StatusTag({ status }: { status: ReportStatus }) {
  return <Text className={`tag ${tone[status]}`}>{reportStatusLabels[status]}</Text>;
}
