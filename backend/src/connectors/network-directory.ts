import { networkCredentials } from '../config/app-config';
import type { CredentialField } from './connector';
import type { ConnectorMap, CredentialsProviderMap, OAuthProviderMap } from './connectors.module';
import { NETWORK_CATALOGUE } from './network-catalogue';
import type { NetworkId } from './network-limits';
import { NETWORK_OPTION_FIELDS, NETWORK_PROFILES } from './network-profiles';
import type { NetworkDto } from './networks.dto';

/** Whether this server can connect a network, and what turns it on when it cannot. */
export interface NetworkAvailability {
  network: NetworkId;
  configured: boolean;
  /** Server variables an admin sets to turn it on; empty once it is on. */
  settings: string[];
  credentialFields: CredentialField[];
}

/**
 * Every network as the composer and the accounts page see it: rules, way in, colour, and whether
 * it is on. Built by ConnectorsModule from its three maps (a factory: this file is imported by it).
 */
export class NetworkDirectory {
  constructor(
    private readonly connectors: ConnectorMap,
    private readonly oauth: OAuthProviderMap,
    private readonly credentials: CredentialsProviderMap,
  ) {}

  availability(network: NetworkId): NetworkAvailability {
    const { connect } = NETWORK_PROFILES[network];
    const way = connect === 'demo' ? true : connect === 'oauth' ? !!this.oauth[network] : !!this.credentials[network];
    const configured = way && !!this.connectors[network];
    return {
      network,
      configured,
      settings: configured ? [] : networkCredentials(network),
      credentialFields: this.credentials[network]?.fields ?? [],
    };
  }

  list(): NetworkDto[] {
    return NETWORK_CATALOGUE.map((rules) => {
      const { network: _network, ...availability } = this.availability(rules.network);
      return {
        ...rules,
        ...NETWORK_PROFILES[rules.network],
        ...availability,
        optionFields: NETWORK_OPTION_FIELDS[rules.network],
      };
    });
  }
}
