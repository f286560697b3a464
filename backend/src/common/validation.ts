import { ValidationError, ValidationPipe } from '@nestjs/common';
import { CommonError } from './common.errors';
import { FieldError } from './domain-error';

/** Flattens class-validator's tree into `{field: 'branding.primaryColor', message}` entries. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(e.children ?? [], field)];
  });
}

/** The one validation pipe: unknown fields are rejected, types are converted, errors name fields. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const list = fieldErrors(errors);
      return new CommonError('VALIDATION', list.map((e) => `${e.field}: ${e.message}`).join('; '), list);
    },
  });
}
