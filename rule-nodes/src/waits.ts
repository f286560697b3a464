import { withDefaults } from './validate';

/**
 * Whether a node makes a run wait before it goes on, so a cycle through it does not spin: an
 * approval waits for a person, a delay only when it waits some minutes. A zero-minute delay passes
 * at once, and one "until a time" passes at once on every turn after that time (ten events through
 * such a loop once wrote 100,000 run steps).
 */
export function waitsBeforeGoingOn(type: string, config: Record<string, unknown>): boolean {
  if (type === 'request-approval') return true;
  if (type !== 'delay') return false;
  const { mode, minutes } = withDefaults('delay', config);
  return mode === 'for' && typeof minutes === 'number' && minutes > 0;
}
