import { defineErrors } from '../common/domain-error';

export class AnalyticsSyncError extends defineErrors('analytics', {
  ACCOUNT_NOT_FOUND: { status: 404, title: 'Account not found' },
  SYNC_COOLDOWN: { status: 429, title: 'This account was synced moments ago; try again later' },
}) {}
