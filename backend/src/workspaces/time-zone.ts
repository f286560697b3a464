import { registerDecorator, ValidationOptions } from 'class-validator';

/**
 * Zones found valid so far. Building an Intl.DateTimeFormat to ask costs tens of microseconds, and
 * a bulk import asks once per scheduled row; only valid names are kept, so ICU's list bounds the set.
 */
const knownZones = new Set<string>();

/** True for any zone the runtime's ICU knows (IANA names and their aliases). */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false;
  if (knownZones.has(value)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    knownZones.add(value);
    return true;
  } catch {
    return false;
  }
}

export function IsTimeZone(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName,
      options: { message: 'must be an IANA time zone such as Europe/Paris', ...options },
      validator: { validate: isTimeZone },
    });
}
