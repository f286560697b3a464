import { DomainError, ErrorSpec } from '../common/domain-error';

export type ApiKeysErrorCode = 'SCOPE_EXCEEDS_CALLER';

const SPECS: Record<ApiKeysErrorCode, ErrorSpec> = {
  SCOPE_EXCEEDS_CALLER: { status: 400, title: 'An API key cannot have permissions you do not have' },
};

export class ApiKeysError extends DomainError<ApiKeysErrorCode> {
  readonly context = 'api-keys';
  protected readonly specs = SPECS;
}
