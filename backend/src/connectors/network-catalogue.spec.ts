import { describe, expect, it } from 'vitest';
import { NETWORK_CATALOGUE, networkRules } from './network-catalogue';
import { NETWORK_IDS, POST_TYPES } from './network-limits';
import { NETWORK_LIMITS } from './network-registry';

describe('the network catalogue', () => {
  it.each(NETWORK_IDS)('offers every post type %s takes, and only those', (id) => {
    const offered = NETWORK_CATALOGUE.find((n) => n.network === id)!.postTypes.map((p) => p.type);
    expect([...offered].sort()).toEqual(Object.keys(NETWORK_LIMITS[id].postTypes).sort());
  });

  it('has a place in the offer for every post type there is', () => {
    const sandbox = {
      ...NETWORK_LIMITS.sandbox,
      postTypes: Object.fromEntries(POST_TYPES.map((t) => [t, { media: {} }])),
    };
    // The catalogue lists types in its own order: one missing from that order would never be offered.
    expect(
      networkRules(sandbox)
        .postTypes.map((p) => p.type)
        .sort(),
    ).toEqual([...POST_TYPES].sort());
  });
});
