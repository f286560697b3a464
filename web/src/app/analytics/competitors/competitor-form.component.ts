import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { NetworkId } from '../../core/api.types';
import { FormErrors, toProblem } from '../../core/form-errors';
import { BannerComponent } from '../../shared/banner.component';
import { FieldErrorComponent } from '../../shared/field-error.component';
import { networkName } from '../metric-formulas';
import { CompetitorsStore } from './competitors.store';

/**
 * Networks that let us read a public account's figures: the Sandbox always, X through its public
 * user lookup, Instagram through business discovery (when the connected account's token allows it:
 * the API says so if not). Facebook and LinkedIn show no figures of pages one does not manage.
 */
const PUBLIC_FIGURES: Record<NetworkId, boolean> = {
  sandbox: true,
  x: true,
  instagram: true,
  facebook: false,
  linkedin: false,
};

const NETWORKS = Object.keys(PUBLIC_FIGURES) as NetworkId[];

/** A handle as the API takes it: letters, digits, _ and ., with or without the @. */
const HANDLE = /^@?[\p{L}\p{N}_.]+$/u;

/** Start tracking a public account: network and handle, errors beside the field they concern. */
@Component({
  selector: 'so-competitor-form',
  imports: [FormsModule, BannerComponent, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="add-competitor-heading">
      <h2 id="add-competitor-heading">Track a competitor</h2>
      <so-banner [message]="errors.banner()" />
      <so-banner kind="success" [message]="added()" />
      <form class="inline-form" (ngSubmit)="submit()" novalidate>
        <div>
          <label for="competitor-network">Network</label>
          <select
            id="competitor-network"
            name="network"
            [ngModel]="network()"
            (ngModelChange)="pick($event)"
            [attr.aria-invalid]="!!networkError()"
            aria-describedby="competitor-network-error"
          >
            @for (n of networks; track n) {
              <option [value]="n">{{ name(n) }}</option>
            }
          </select>
          <so-field-error errorId="competitor-network-error" [message]="networkError()" />
        </div>
        <div class="grow">
          <label for="competitor-handle">Handle</label>
          <input
            id="competitor-handle"
            name="handle"
            [ngModel]="handle()"
            (ngModelChange)="handle.set($event)"
            placeholder="@acme_coffee"
            autocomplete="off"
            [attr.aria-invalid]="!!errors.field('handle')"
            aria-describedby="competitor-handle-error competitor-hint"
          />
          <so-field-error errorId="competitor-handle-error" [message]="errors.field('handle')" />
        </div>
        <div>
          <button class="primary" type="submit" [disabled]="busy() || !readable()">
            {{ busy() ? 'Looking up…' : 'Add competitor' }}
          </button>
        </div>
      </form>
      <p class="hint" id="competitor-hint">
        Their public figures are read once a day through one of your accounts on the same network.
      </p>
    </section>
  `,
})
export class CompetitorFormComponent {
  private readonly store = inject(CompetitorsStore);
  readonly networks = NETWORKS;
  readonly errors = new FormErrors();
  readonly network = signal<NetworkId>('sandbox');
  readonly handle = signal('');
  readonly busy = signal(false);
  readonly added = signal<string | null>(null);
  readonly readable = computed(() => PUBLIC_FIGURES[this.network()]);
  /** Said as soon as such a network is picked, before anything is sent. */
  readonly networkError = computed(() =>
    this.readable()
      ? this.errors.field('network')
      : `${networkName(this.network())} doesn't let us read public figures of accounts you don't manage, so it can't track competitors.`,
  );

  name(network: NetworkId): string {
    return networkName(network);
  }

  pick(network: NetworkId): void {
    this.network.set(network);
    this.errors.clear();
  }

  async submit(): Promise<void> {
    this.added.set(null);
    const handle = this.handle().trim();
    const problem = !handle
      ? 'Handle is required'
      : HANDLE.test(handle)
        ? null
        : 'Handle must be a handle such as @acme_coffee';
    this.errors.set(problem ? { handle: problem } : {});
    if (problem || !this.readable()) return;
    this.busy.set(true);
    try {
      const competitor = await this.store.add(this.network(), handle);
      this.added.set(`Now tracking @${competitor.handle} (${competitor.name}).`);
      this.handle.set('');
    } catch (error) {
      this.errors.fromError(error, { network: 'Network', handle: 'Handle' });
      // The API's "connect an account of this network first" is an instruction, not a predicate of "Network".
      if (toProblem(error).errors?.some((e) => e.field === 'network' && e.message.startsWith('connect ')))
        this.errors.set({
          network: `First connect an account on ${networkName(this.network())}: competitors are looked up through it.`,
        });
    } finally {
      this.busy.set(false);
    }
  }
}
