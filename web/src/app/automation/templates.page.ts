import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { AccountsStore } from '../accounts/accounts.store';
import { toProblem } from '../core/form-errors';
import { BannerComponent } from '../shared/banner.component';
import { AutomationsApi } from './automations.api';
import type { Template } from './automation.types';
import { FieldFormComponent } from './field-form.component';

/** The recipe gallery: pick one, fill in what it asks for, and edit the new automation. */
@Component({
  selector: 'so-automation-templates',
  imports: [RouterLink, BannerComponent, FieldFormComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-head">
      <h1>Automation templates</h1>
      <a routerLink="..">All automations</a>
    </div>
    <so-banner [message]="error()" />
    @if (chosen(); as t) {
      <section class="card" aria-labelledby="template-form-heading">
        <h2 id="template-form-heading">{{ t.title }}</h2>
        <p>{{ t.description }}</p>
        <form (submit)="$event.preventDefault(); create(t)">
          <label for="template-name">Name</label>
          <input id="template-name" [value]="name()" (input)="name.set($any($event.target).value)" />
          <so-field-form
            [fields]="t.inputs"
            [values]="inputs()"
            [errors]="errors()"
            [accounts]="accounts()"
            prefix="input"
            (changed)="inputs.set($event)"
          />
          <button type="submit" class="primary" [disabled]="busy()">Create automation</button>
          <button type="button" (click)="chosen.set(null)">Back</button>
        </form>
      </section>
    } @else {
      <div class="gallery">
        @for (t of templates(); track t.id) {
          <article class="card template-card">
            <span class="chip">{{ t.category }}</span>
            <h2>{{ t.title }}</h2>
            <p>{{ t.description }}</p>
            <button type="button" (click)="choose(t)" [attr.aria-label]="'Use ' + t.title">Use this template</button>
          </article>
        }
      </div>
    }
  `,
})
export class TemplatesPage implements OnInit {
  private readonly api = inject(AutomationsApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly accountsStore = inject(AccountsStore);
  readonly templates = signal<Template[]>([]);
  readonly chosen = signal<Template | null>(null);
  readonly name = signal('');
  readonly inputs = signal<Record<string, unknown>>({});
  readonly errors = signal<Record<string, string>>({});
  readonly error = signal<string | null>(null);
  readonly busy = signal(false);
  readonly accounts = computed(() => (this.accountsStore.accounts() ?? []).map((a) => ({ id: a.id, name: a.name })));

  async ngOnInit(): Promise<void> {
    try {
      this.templates.set(await this.api.templates());
      await this.accountsStore.load();
    } catch (error) {
      this.error.set(toProblem(error).detail ?? 'The templates could not be loaded');
    }
  }

  choose(t: Template): void {
    const defaults: Record<string, unknown> = {};
    for (const field of t.inputs) if (field.default !== undefined) defaults[field.key] = structuredClone(field.default);
    this.chosen.set(t);
    this.name.set(t.title);
    this.inputs.set(defaults);
    this.errors.set({});
  }

  async create(t: Template): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const automation = await this.api.instantiate(t.id, this.name(), this.inputs());
      await this.router.navigate(['..', automation.id], { relativeTo: this.route });
    } catch (error) {
      const problem = toProblem(error);
      this.errors.set(
        Object.fromEntries((problem.errors ?? []).map((e) => [e.field.replace(/^inputs\./, ''), e.message])),
      );
      this.error.set(problem.detail ?? 'The automation could not be created');
    } finally {
      this.busy.set(false);
    }
  }
}
