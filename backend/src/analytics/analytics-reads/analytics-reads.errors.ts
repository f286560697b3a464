import { defineErrors } from '../../common/domain-error';

export class AnalyticsReadsError extends defineErrors('analytics', {
  NOT_ENOUGH_HISTORY: { status: 409, title: 'Not enough history to name best times yet' },
  COMPETITOR_TRACKED: { status: 409, title: 'This competitor is already tracked' },
  COMPETITOR_LOOKUP: { status: 400, title: 'The competitor could not be looked up' },
  COMPETITOR_NETWORK_DOWN: { status: 502, title: 'The network did not answer the competitor lookup' },
}) {}
