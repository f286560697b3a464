import type { NetworkId } from './network-limits';
import { NETWORK_OPTION_FIELDS } from './network-profiles';

export interface AccountChoice {
  value: string;
  label: string;
  /** The item of the `choicesWithin` option this choice belongs to (a section's board). */
  parent: string | null;
}

type Item = Record<string, unknown>;
const items = (value: unknown): Item[] =>
  Array.isArray(value) ? value.filter((i): i is Item => typeof i === 'object' && i !== null) : [];
const choice = (item: Item, parent: string | null): AccountChoice | null =>
  typeof item.id === 'string' && typeof item.name === 'string' ? { value: item.id, label: item.name, parent } : null;

/**
 * The lists an account's option selects offer (`choicesFrom`), read from what its connector kept
 * in its settings: a top-level list of `{id, name}` items, or, for a field chosen within another
 * (`choicesWithin`), that list inside each item of the other field's list. Only those keys are
 * read, so nothing else in the settings leaves the server.
 */
export function accountChoices(network: NetworkId, settings: Record<string, unknown>): Record<string, AccountChoice[]> {
  const fields = NETWORK_OPTION_FIELDS[network];
  const lists: Record<string, AccountChoice[]> = {};
  for (const field of fields) {
    if (!field.choicesFrom) continue;
    const outer = fields.find((f) => f.name === field.choicesWithin)?.choicesFrom;
    const found = outer
      ? items(settings[outer]).flatMap((parent) =>
          items(parent[field.choicesFrom!]).map((i) => choice(i, typeof parent.id === 'string' ? parent.id : null)),
        )
      : items(settings[field.choicesFrom]).map((i) => choice(i, null));
    lists[field.choicesFrom] = found.filter((c): c is AccountChoice => c !== null);
  }
  return lists;
}
