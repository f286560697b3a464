import { defineErrors } from '../common/domain-error';

export class SubscriptionsError extends defineErrors('subscriptions', {
  TARGET_NOT_PUBLIC: { status: 400, title: 'The target URL is not on a public address' },
  TOO_MANY: { status: 409, title: 'The workspace has as many subscriptions as it may' },
}) {}
