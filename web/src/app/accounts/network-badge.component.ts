import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { NetworkId } from '../core/api.types';
import { NetworkLogoComponent } from '../shared/network-logo.component';

export const NETWORK_LABELS: Readonly<Record<string, string>> = {
  sandbox: 'Sandbox',
  facebook: 'Facebook',
  instagram: 'Instagram',
  x: 'X',
  linkedin: 'LinkedIn',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  threads: 'Threads',
  telegram: 'Telegram',
  wordpress: 'WordPress',
  pinterest: 'Pinterest',
  youtube: 'YouTube',
  tiktok: 'TikTok',
  'google-business': 'Google Business Profile',
};

/** The network's logo and name as a small tag; the Sandbox is marked as a demo everywhere. */
@Component({
  selector: 'so-network-badge',
  imports: [NetworkLogoComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="network-badge" [attr.data-network]="network()"
    ><so-network-logo [network]="network()" [size]="14" [decorative]="true" />{{ label() }}
    @if (network() === 'sandbox') {
      <span class="demo-tag">demo</span>
    }
  </span>`,
})
export class NetworkBadgeComponent {
  readonly network = input.required<NetworkId>();
  label(): string {
    return NETWORK_LABELS[this.network()] ?? this.network();
  }
}
