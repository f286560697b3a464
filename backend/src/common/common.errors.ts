import { defineErrors } from './domain-error';

/** Errors shared by every context (validation, missing resources). */
export class CommonError extends defineErrors('common', {
  VALIDATION: { status: 400, title: 'The request has invalid fields' },
  NOT_FOUND: { status: 404, title: 'Not found' },
}) {}

export const notFound = (what: string) => new CommonError('NOT_FOUND', `${what} not found`);
