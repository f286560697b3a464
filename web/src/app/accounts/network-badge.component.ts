import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { NetworkId } from '../core/api.types';

const LABELS: Record<NetworkId, string> = {
  sandbox: 'Sandbox',
  facebook: 'Facebook',
  instagram: 'Instagram',
  x: 'X',
  linkedin: 'LinkedIn',
};

/** The network's name as a small coloured tag; the Sandbox is marked as a demo everywhere. */
@Component({
  selector: 'so-network-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="network-badge" [attr.data-network]="network()"
    >{{ label() }}
    @if (network() === 'sandbox') {
      <span class="demo-tag">demo</span>
    }
  </span>`,
})
export class NetworkBadgeComponent {
  readonly network = input.required<NetworkId>();
  label(): string {
    return LABELS[this.network()];
  }
}
