import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { FormErrors } from '../core/form-errors';
import { BannerComponent } from '../shared/banner.component';

interface Preference {
  kind: string;
  label: string;
  channel: Channel;
  defaultChannel: Channel;
}
type Channel = 'in_app' | 'email' | 'digest' | 'off';

const CHANNELS: { value: Channel; label: string }[] = [
  { value: 'email', label: 'In the app and by email' },
  { value: 'in_app', label: 'In the app only' },
  { value: 'digest', label: 'In the app and in the daily digest email' },
  { value: 'off', label: 'Off' },
];

/** How the person is told about each kind of notification (the same in all their workspaces). */
@Component({
  selector: 'so-notification-preferences',
  imports: [BannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="notification-preferences-title">
      <h2 id="notification-preferences-title">Notifications</h2>
      <p class="muted small">How you are told, in every workspace you belong to.</p>
      <so-banner [message]="errors.banner()" />
      <so-banner kind="success" [message]="saved()" />
      @for (p of items(); track p.kind) {
        <label [for]="'pref-' + p.kind">{{ p.label }}</label>
        <select [id]="'pref-' + p.kind" [value]="p.channel" (change)="choose(p, $any($event.target).value)">
          @for (c of channels; track c.value) {
            <option [value]="c.value" [selected]="c.value === p.channel">{{ c.label }}</option>
          }
        </select>
      }
    </section>
  `,
})
export class NotificationPreferencesComponent implements OnInit {
  private readonly http = inject(HttpClient);
  readonly channels = CHANNELS;
  readonly items = signal<Preference[]>([]);
  readonly saved = signal<string | null>(null);
  readonly errors = new FormErrors();

  async ngOnInit(): Promise<void> {
    try {
      const res = await firstValueFrom(this.http.get<{ items: Preference[] }>('/api/v1/me/notification-preferences'));
      this.items.set(res.items);
    } catch (error) {
      this.errors.fromError(error);
    }
  }

  /** Saved at once: one choice per change, so nothing is lost by leaving the page. */
  async choose(p: Preference, channel: Channel): Promise<void> {
    this.saved.set(null);
    this.errors.set({});
    try {
      const res = await firstValueFrom(
        this.http.put<{ items: Preference[] }>('/api/v1/me/notification-preferences', {
          items: [{ kind: p.kind, channel }],
        }),
      );
      this.items.set(res.items);
      this.saved.set('Saved.');
    } catch (error) {
      this.errors.fromError(error);
    }
  }
}
