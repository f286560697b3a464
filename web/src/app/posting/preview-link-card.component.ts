import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { LinkCard } from './link-preview.api';

/**
 * A link's card: the page's image above its domain and title, as Facebook, LinkedIn and X draw
 * it. Without a fetched card (still loading, unreadable) it shows the address alone.
 */
@Component({
  selector: 'so-preview-link-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="link-card" [attr.data-style]="variant()" [href]="link()" target="_blank" rel="noopener noreferrer">
      @if (card()?.image) {
        <img [src]="card()!.image" alt="" loading="lazy" />
      }
      <span class="body">
        <span class="domain">{{ domain() }}</span>
        @if (card()?.title) {
          <strong class="title">{{ card()!.title }}</strong>
        }
        @if (card()?.description && variant() === 'facebook') {
          <span class="description">{{ card()!.description }}</span>
        }
      </span>
    </a>
  `,
  styles: `
    .link-card {
      display: block;
      margin-top: 0.6rem;
      border: 1px solid var(--border);
      border-radius: 12px;
      overflow: hidden;
      color: inherit;
      text-decoration: none;
    }
    img {
      display: block;
      width: 100%;
      aspect-ratio: 1.91;
      object-fit: cover;
      background: var(--bg);
    }
    .body {
      display: grid;
      gap: 0.1rem;
      padding: 0.5rem 0.75rem;
    }
    [data-style='facebook'] .body {
      background: #f0f2f5;
    }
    [data-style='facebook'] .domain {
      text-transform: uppercase;
    }
    .domain,
    .description {
      font-size: 0.8rem;
      color: var(--muted);
    }
    .title {
      font-size: 0.95rem;
    }
    [data-style='x'] {
      border-radius: 16px;
    }
  `,
})
export class PreviewLinkCardComponent {
  readonly link = input.required<string>();
  readonly card = input<LinkCard | null>(null);
  /** Whose manner: Facebook adds the description on grey; the others show domain and title. */
  readonly variant = input<'facebook' | 'x' | 'other'>('other');
  readonly domain = computed(() => {
    try {
      return this.card()?.domain ?? new URL(this.link()).hostname.replace(/^www\./, '');
    } catch {
      return this.link();
    }
  });
}
