import { defineErrors } from '../common/domain-error';

export class IdentityError extends defineErrors('identity', {
  INVALID_CREDENTIALS: { status: 401, title: 'Invalid email or password' },
  EMAIL_TAKEN: { status: 409, title: 'An account with this email already exists' },
  REFRESH_TOKEN_INVALID: { status: 401, title: 'The session has expired; sign in again' },
  RESET_TOKEN_INVALID: { status: 400, title: 'The reset link is invalid or has expired' },
  TOO_MANY_ATTEMPTS: { status: 429, title: 'Too many attempts; try again later' },
  WRONG_PASSWORD: { status: 400, title: 'The current password is wrong' },
}) {}
