import type { PublishJob } from '../publishing/publish-job.entity';

/**
 * The columns of a publish job that went out at its first try at `at` (due and published at that
 * moment, nothing claimed, no error), for specs that seed history in bulk instead of publishing it.
 * The caller adds the ids: workspace, post, variant, account, and the network's externalId.
 */
export const publishedAtFirstTry = (at: Date): Partial<PublishJob> => ({
  occurrenceAt: at,
  dueAt: at,
  status: 'published',
  attempts: 1,
  claimToken: null,
  leaseUntil: null,
  errorCode: null,
  errorMessage: null,
  history: [],
  publishedAt: at,
});
