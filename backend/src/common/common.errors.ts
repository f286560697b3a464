import { DomainError, ErrorSpec } from './domain-error';

export type CommonErrorCode = 'VALIDATION' | 'NOT_FOUND' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_CURSOR';

const SPECS: Record<CommonErrorCode, ErrorSpec> = {
  VALIDATION: { status: 400, title: 'The request has invalid fields' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  FORBIDDEN: { status: 403, title: 'You do not have permission to do this' },
  BAD_CURSOR: { status: 400, title: 'The pagination cursor is invalid' },
};

/** Errors shared by every context (validation, missing resources, access). */
export class CommonError extends DomainError<CommonErrorCode> {
  readonly context = 'common';
  protected readonly specs = SPECS;
}

export const notFound = (what: string) => new CommonError('NOT_FOUND', `${what} not found`);
