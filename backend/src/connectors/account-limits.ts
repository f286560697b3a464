import { instanceNetworkLimits, storedInstanceLimits } from './mastodon/mastodon-instance';
import type { NetworkId, NetworkLimits } from './network-limits';
import { NETWORK_LIMITS } from './network-registry';

type Settings = Readonly<Record<string, unknown>> | undefined;

/** Networks whose limits differ per account, read from the account's settings at connect. */
const PER_ACCOUNT: Partial<Record<NetworkId, (settings: Settings) => NetworkLimits>> = {
  // A Mastodon instance sets its own character, media and poll limits.
  mastodon: (settings) => instanceNetworkLimits(storedInstanceLimits(settings)),
};

/** The limits one account's posts are checked against: its network's, or its own where they differ. */
export function accountLimits(network: NetworkId, settings: Settings): NetworkLimits {
  return PER_ACCOUNT[network]?.(settings) ?? NETWORK_LIMITS[network];
}
