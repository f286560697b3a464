import { DateTime } from 'luxon';

/**
 * Times shown and entered in the workspace's zone, not the browser's: a team in several countries
 * sees one calendar. Luxon does the zone arithmetic (Intl alone cannot go from wall time to instant).
 */
export function inZone(iso: string, zone: string): DateTime {
  return DateTime.fromISO(iso, { zone });
}

/** The value of a `datetime-local` input showing `iso` in `zone`. */
export function toLocalInput(iso: string, zone: string): string {
  return inZone(iso, zone).toFormat("yyyy-LL-dd'T'HH:mm");
}

/** A `datetime-local` value read as wall time in `zone`, as an ISO instant. */
export function fromLocalInput(value: string, zone: string): string | null {
  const local = DateTime.fromISO(value, { zone });
  return local.isValid ? local.toUTC().toISO() : null;
}
