import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { AccountsStore } from '../accounts/accounts.store';
import { toProblem } from '../core/form-errors';
import { BannerComponent } from '../shared/banner.component';
import { AutomationsApi } from './automations.api';
import type { Template } from './automation.types';
import { FieldFormComponent } from './field-form.component';
import { RecipeGraphComponent } from './gallery/recipe-graph.component';

type NodeTypes = Map<string, { label: string; category: string }>;

/** The text a recipe is found by: its words, category and the steps it uses (type keys and labels). */
export function recipeSearchText(t: Template, types: NodeTypes): string {
  const steps = t.graph.nodes.flatMap((n) => [n.type, types.get(n.type)?.label ?? '']);
  return [t.title, t.description, t.category, ...steps].join(' ').toLowerCase();
}

/** The recipe gallery: find one, see its graph, fill in only what it asks for, and edit the new automation. */
@Component({
  selector: 'so-automation-templates',
  imports: [RouterLink, BannerComponent, FieldFormComponent, RecipeGraphComponent],
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
        <so-recipe-graph [graph]="t.graph" [types]="types()" />
        <form (submit)="$event.preventDefault(); create(t)">
          <label for="template-name">Name</label>
          <input id="template-name" [value]="name()" (input)="name.set($any($event.target).value)" />
          @if (!t.inputs.length) {
            <p class="hint">Nothing to fill in: this recipe works as it is.</p>
          }
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
      <div class="gallery-filters" role="search">
        <label for="recipe-search">Search recipes</label>
        <input
          id="recipe-search"
          type="search"
          placeholder="e.g. WordPress, approval, RSS, AI caption"
          [value]="query()"
          (input)="query.set($any($event.target).value)"
        />
        <label for="recipe-category">Category</label>
        <select id="recipe-category" [value]="category()" (change)="category.set($any($event.target).value)">
          <option value="">All categories</option>
          @for (c of categories(); track c) {
            <option [value]="c">{{ c }}</option>
          }
        </select>
        <span class="count" aria-live="polite">{{ shown().length }} of {{ templates().length }} recipes</span>
      </div>
      <div class="gallery">
        @for (t of shown(); track t.id) {
          <article class="card template-card" [attr.aria-label]="t.title">
            <span class="chip">{{ t.category }}</span>
            <h2>{{ t.title }}</h2>
            <p>{{ t.description }}</p>
            <so-recipe-graph [graph]="t.graph" [types]="types()" />
            <button type="button" (click)="choose(t)" [attr.aria-label]="'Use ' + t.title">Use this template</button>
          </article>
        } @empty {
          <p>No recipe matches. Try fewer words or another category.</p>
        }
      </div>
    }
  `,
  styles: `
    .gallery-filters {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 0.75rem;
      margin-bottom: 1rem;
    }
    .gallery-filters input {
      min-width: 18rem;
    }
    .count {
      color: var(--muted, #5b6473);
    }
  `,
})
export class TemplatesPage implements OnInit {
  private readonly api = inject(AutomationsApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly accountsStore = inject(AccountsStore);
  readonly templates = signal<Template[]>([]);
  readonly types = signal<NodeTypes>(new Map());
  readonly query = signal('');
  readonly category = signal('');
  readonly chosen = signal<Template | null>(null);
  readonly name = signal('');
  readonly inputs = signal<Record<string, unknown>>({});
  readonly errors = signal<Record<string, string>>({});
  readonly error = signal<string | null>(null);
  readonly busy = signal(false);
  readonly accounts = computed(() => (this.accountsStore.accounts() ?? []).map((a) => ({ id: a.id, name: a.name })));
  readonly categories = computed(() => [...new Set(this.templates().map((t) => t.category))]);
  /** The recipes of the category chosen that have every word searched for. */
  readonly shown = computed(() => {
    const words = this.query().toLowerCase().split(/\s+/).filter(Boolean);
    const category = this.category();
    return this.templates().filter((t) => {
      if (category && t.category !== category) return false;
      const text = recipeSearchText(t, this.types());
      return words.every((w) => text.includes(w));
    });
  });

  async ngOnInit(): Promise<void> {
    try {
      const [templates, types] = await Promise.all([this.api.templates(), this.api.nodeTypes()]);
      this.types.set(new Map(types.map((s) => [s.type, { label: s.label, category: s.category }])));
      this.templates.set(templates);
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
