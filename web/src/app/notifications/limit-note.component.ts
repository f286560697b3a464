import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, resource } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { IconComponent } from '../shared/icon.component';

interface Limit {
  key: string;
  label: string;
  limit: number;
  windowSeconds: number | null;
  page: string;
}

/** "60 s", "1 h", "1 day": a window in the largest whole unit. */
function windowText(seconds: number): string {
  if (seconds % 86_400 === 0) return seconds === 86_400 ? 'day' : `${seconds / 86_400} days`;
  if (seconds % 3600 === 0) return seconds === 3600 ? 'hour' : `${seconds / 3600} hours`;
  if (seconds % 60 === 0) return seconds === 60 ? 'minute' : `${seconds / 60} minutes`;
  return `${seconds} s`;
}

/**
 * One limit of the workspace, said where it applies (the page a limit_near notice links to):
 * "API requests per API key: at most 6,000 per minute. Owners and admins are told when 80 % is reached."
 * Nothing is shown when the limit is off.
 */
@Component({
  selector: 'so-limit-note',
  imports: [IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (limit(); as l) {
      <p class="muted small" [attr.data-testid]="'limit-' + l.key">
        <so-icon name="info" /> {{ l.label }}: at most {{ l.limit.toLocaleString('en-GB') }}{{ per() }}. Owners and
        admins are told when 80 % is reached.
      </p>
    }
  `,
})
export class LimitNoteComponent {
  private readonly http = inject(HttpClient);
  /** The limit's key, as GET /api/v1/limits names it. */
  readonly key = input.required<string>();
  private readonly limits = resource({
    loader: () => firstValueFrom(this.http.get<{ items: Limit[] }>('/api/v1/limits')).then((r) => r.items),
  });
  readonly limit = computed(() =>
    this.limits.hasValue() ? this.limits.value().find((l) => l.key === this.key()) : undefined,
  );
  readonly per = computed(() => {
    const seconds = this.limit()?.windowSeconds;
    return seconds ? ` per ${windowText(seconds)}` : '';
  });
}
