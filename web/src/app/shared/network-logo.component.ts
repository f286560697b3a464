import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import {
  siBluesky,
  siFacebook,
  siInstagram,
  siMastodon,
  siPinterest,
  siTelegram,
  siThreads,
  siTiktok,
  siWordpress,
  siX,
  siYoutube,
} from 'simple-icons';
import { IconComponent } from './icon.component';

interface Logo {
  title: string;
  /** One path on a 24×24 box. */
  path: string;
  hex: string;
}

/**
 * Logos of the networks we publish to and the ones coming next. Shapes from Simple Icons (CC0);
 * it no longer ships LinkedIn's or Google Business Profile's, so those two are taken from its
 * last release that had them (10.4, same licence).
 */
const LOGOS: Record<string, Logo> = {
  facebook: siFacebook,
  instagram: siInstagram,
  x: siX,
  linkedin: {
    title: 'LinkedIn',
    hex: '0A66C2',
    path: 'M20.447 20.452h-3.554v-5.569c0-1.328-.027-3.037-1.852-3.037-1.853 0-2.136 1.445-2.136 2.939v5.667H9.351V9h3.414v1.561h.046c.477-.9 1.637-1.85 3.37-1.85 3.601 0 4.267 2.37 4.267 5.455v6.286zM5.337 7.433c-1.144 0-2.063-.926-2.063-2.065 0-1.138.92-2.063 2.063-2.063 1.14 0 2.064.925 2.064 2.063 0 1.139-.925 2.065-2.064 2.065zm1.782 13.019H3.555V9h3.564v11.452zM22.225 0H1.771C.792 0 0 .774 0 1.729v20.542C0 23.227.792 24 1.771 24h20.451C23.2 24 24 23.227 24 22.271V1.729C24 .774 23.2 0 22.222 0h.003z',
  },
  bluesky: siBluesky,
  mastodon: siMastodon,
  threads: siThreads,
  telegram: siTelegram,
  wordpress: siWordpress,
  pinterest: siPinterest,
  youtube: siYoutube,
  tiktok: siTiktok,
  'google-business': {
    title: 'Google Business Profile',
    hex: '4285F4',
    path: 'M3.273 1.636c-.736 0-1.363.492-1.568 1.16L0 9.272c0 1.664 1.336 3 3 3a3 3 0 003-3c0 1.664 1.336 3 3 3a3 3 0 003-3c0 1.65 1.35 3 3 3 1.664 0 3-1.336 3-3 0 1.664 1.336 3 3 3s3-1.336 3-3l-1.705-6.476a1.646 1.646 0 00-1.568-1.16zm8.729 9.326c-.604 1.063-1.703 1.81-3.002 1.81-1.304 0-2.398-.747-3-1.806-.604 1.06-1.702 1.806-3 1.806-.484 0-.944-.1-1.363-.277v8.232c0 .9.736 1.637 1.636 1.637h17.454c.9 0 1.636-.737 1.636-1.637v-8.232a3.48 3.48 0 01-1.363.277c-1.304 0-2.398-.746-3-1.804-.602 1.058-1.696 1.804-3 1.804-1.299 0-2.394-.75-2.998-1.81zm5.725 3.765c.808 0 1.488.298 2.007.782l-.859.859a1.623 1.623 0 00-1.148-.447c-.98 0-1.772.827-1.772 1.806 0 .98.792 1.807 1.772 1.807.882 0 1.485-.501 1.615-1.191h-1.615v-1.16h2.826c.035.196.054.4.054.613 0 1.714-1.147 2.931-2.88 2.931a3 3 0 010-6z',
  },
};

/** Networks that have a logo here (the Sandbox has its own demo mark). */
export const LOGO_NETWORKS = ['sandbox', ...Object.keys(LOGOS)];

/**
 * A network's logo in its brand colour (or the text colour with `mono`), named for screen readers
 * unless `decorative` (when its name is written beside it). The Sandbox, our demo network, shows a
 * flask; a network without a logo shows a neutral mark, never a broken image.
 */
@Component({
  selector: 'so-network-logo',
  imports: [IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-network]': 'network()' },
  template: `
    @if (logo(); as l) {
      <svg
        viewBox="0 0 24 24"
        [attr.width]="size()"
        [attr.height]="size()"
        [attr.fill]="mono() ? 'currentColor' : '#' + l.hex"
        [attr.role]="decorative() ? null : 'img'"
        [attr.aria-label]="decorative() ? null : l.title"
        [attr.aria-hidden]="decorative() ? 'true' : null"
        focusable="false"
      >
        <path [attr.d]="l.path" />
      </svg>
    } @else {
      <so-icon
        [name]="network() === 'sandbox' ? 'flask' : 'at-sign'"
        [size]="size()"
        [label]="decorative() ? null : network() === 'sandbox' ? 'Sandbox' : network()"
      />
    }
  `,
})
export class NetworkLogoComponent {
  /** A network id: sandbox, facebook, instagram, x, linkedin, bluesky, mastodon, threads, telegram, wordpress, pinterest, youtube, tiktok, google-business. */
  readonly network = input.required<string>();
  readonly size = input(16);
  readonly mono = input(false);
  readonly decorative = input(false);
  // Own keys only: a network named "constructor" must not find Object's.
  readonly logo = computed<Logo | null>(() => (Object.hasOwn(LOGOS, this.network()) ? LOGOS[this.network()] : null));
}
