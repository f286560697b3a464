import { defineErrors } from '../../common/domain-error';

export class ReportsError extends defineErrors('analytics-reports', {
  SCHEDULE_CANCELLED: { status: 409, title: 'This report schedule is cancelled' },
  REPORT_FILE_MISSING: { status: 410, title: 'The report file is no longer stored' },
}) {}
