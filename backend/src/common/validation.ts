import { ArgumentMetadata, Type, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { CommonError } from './common.errors';
import { FieldError } from './domain-error';

/** class-transformer's `@Type()` metadata; its CommonJS path ships no declarations, its types path does. */
type TransformerStorage = typeof import('class-transformer/types/storage');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as TransformerStorage;

/** Flattens class-validator's tree into `{field: 'branding.primaryColor', message}` entries. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(e.children ?? [], field)];
  });
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Where a body has an array in place of one nested object (`schedule: []`), or is not an object at
 * all. class-validator's `@ValidateNested()` validates an array's items as if each were the object,
 * so `[]` passed as a valid schedule and broke the service that read it.
 */
export function shapeErrors(type: Type<unknown>, value: unknown, path = ''): FieldError[] {
  if (!isPlainObject(value)) return [{ field: path || 'body', message: 'must be a JSON object' }];
  const nested = getMetadataStorage()
    .getTargetValidationMetadatas(type, '', true, false)
    .filter((m) => m.type === ValidationTypes.NESTED_VALIDATION);
  return nested.flatMap((m) => {
    const item = value[m.propertyName];
    const field = path ? `${path}.${m.propertyName}` : m.propertyName;
    if (item === undefined || item === null) return [];
    const itemType = defaultMetadataStorage.findTypeMetadata(type, m.propertyName)?.typeFunction() as
      Type<unknown> | undefined;
    if (m.each) {
      if (!Array.isArray(item) || !itemType) return [];
      return item.flatMap((entry, i) => (isPlainObject(entry) ? shapeErrors(itemType, entry, `${field}[${i}]`) : []));
    }
    if (!isPlainObject(item)) return [{ field, message: 'must be a JSON object' }];
    return itemType ? shapeErrors(itemType, item, field) : [];
  });
}

const hasRules = (type: Type<unknown> | undefined): type is Type<unknown> =>
  !!type && getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).length > 0;

/** The one validation pipe: unknown fields are rejected, types are converted, errors name fields. */
export function createValidationPipe(): ValidationPipe {
  const refuse = (list: FieldError[]) =>
    new CommonError('VALIDATION', list.map((e) => `${e.field}: ${e.message}`).join('; '), list);
  const pipe = new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => refuse(fieldErrors(errors)),
  });
  const transform = pipe.transform.bind(pipe);
  // A body with a class of rules must be an object, its nested objects objects: checked before
  // class-transformer turns an array into an array of instances.
  pipe.transform = (value: unknown, metadata: ArgumentMetadata) => {
    // No body at all is left to the rules as before (a body of optional fields may be absent).
    if (metadata.type === 'body' && value !== undefined && hasRules(metadata.metatype)) {
      const wrong = shapeErrors(metadata.metatype, value);
      if (wrong.length) throw refuse(wrong);
    }
    return transform(value, metadata);
  };
  return pipe;
}
