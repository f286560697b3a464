import { defineErrors } from '../common/domain-error';

export class ApiKeysError extends defineErrors('api-keys', {
  SCOPE_EXCEEDS_CALLER: { status: 400, title: 'An API key cannot have permissions you do not have' },
}) {}
