import { JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, OnDestroy, OnInit, signal } from '@angular/core';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { problemText } from '../core/form-errors';
import { BannerComponent } from '../shared/banner.component';
import { AutomationsApi } from './automations.api';
import type { NodeTypeSpec, Run, RunDetail, RunStatus } from './automation.types';
import { WhenPipe } from '../shared/format';

const REFRESH_MS = 2000;

/** Run history of one automation, with a step inspector: each node's input, output, port, time and error. */
@Component({
  selector: 'so-automation-runs',
  imports: [RouterLink, BannerComponent, WhenPipe, JsonPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-head">
      <h1>Runs</h1>
      <a routerLink="..">Back to the editor</a>
    </div>
    <so-banner [message]="error()" />
    <form class="run-filters" aria-label="Find runs" (submit)="$event.preventDefault(); search()">
      <label>
        Status
        <select name="status" [value]="status()" (change)="status.set($any($event.target).value); search()">
          <option value="">Any</option>
          @for (s of statuses; track s) {
            <option [value]="s">{{ s }}</option>
          }
        </select>
      </label>
      <label>
        From <input type="date" name="from" [value]="from()" (change)="from.set($any($event.target).value); search()" />
      </label>
      <label>
        To <input type="date" name="to" [value]="to()" (change)="to.set($any($event.target).value); search()" />
      </label>
    </form>
    <div class="split">
      <section aria-label="Run history">
        @for (run of runs(); track run.id) {
          <button type="button" class="run-row" [class.selected]="run.id === selected()?.id" (click)="open(run.id)">
            <span class="chip" [attr.data-status]="run.status">{{ run.status }}</span>
            {{ run.startedAt | when }} · {{ run.test ? 'test' : 'v' + run.version }}
            <span class="muted small">{{ duration(run) }}</span>
          </button>
        } @empty {
          <p class="muted">
            @if (searching()) {
              No runs match these filters.
            } @else {
              No runs yet. Publish the automation and send it an event, or test a trigger in the editor.
            }
          </p>
        }
        @if (nextCursor()) {
          <button type="button" (click)="more()">Older runs</button>
        }
      </section>
      <section aria-label="Steps">
        @if (selected(); as run) {
          <h2>Run {{ run.id.slice(0, 8) }} — {{ run.status }}</h2>
          <p class="muted small">
            Version {{ run.version }} · started {{ run.startedAt | when }} · {{ duration(run) }}
          </p>
          @if (run.error) {
            <p class="field-error">{{ run.error }}</p>
          }
          <a [routerLink]="['..']" [queryParams]="{ run: run.id }" data-testid="open-on-canvas">Open on canvas</a>
          <button type="button" (click)="rerun(run.id)">Re-run</button>
          @if (run.status === 'failed') {
            <button type="button" (click)="retry(run.id)">Retry from the failed step</button>
          }
          @if (run.retryOf) {
            <p class="muted small">
              Retries
              <a [routerLink]="[]" [queryParams]="{ run: run.retryOf }" (click)="open(run.retryOf)">an earlier run</a>
              from its failed step.
            </p>
          }
          <ol class="steps">
            @for (step of run.steps; track step.id) {
              <li [attr.data-node]="step.nodeId">
                <strong>{{ stepName(step.nodeId, step.nodeType) }}</strong> →
                <span>{{ step.port ?? (step.error ? 'failed' : 'waiting') }}</span> ·
                <span class="muted small">{{ step.durationMs }} ms</span>
                @if (step.error) {
                  <p class="field-error">{{ step.error }}</p>
                }
                <details>
                  <summary>Input</summary>
                  <pre>{{ step.input | json }}</pre>
                </details>
                <details>
                  <summary>Output</summary>
                  <pre>{{ step.output | json }}</pre>
                </details>
              </li>
            }
          </ol>
          @if (run.nextStepsCursor) {
            <p class="muted small">{{ run.steps.length }} steps shown; this run has more.</p>
            <button type="button" class="more-steps" (click)="moreSteps()" [disabled]="loadingSteps()">
              More steps
            </button>
          }
        } @else {
          <p class="muted">Choose a run to see its steps.</p>
        }
      </section>
    </div>
  `,
})
export class RunsPage implements OnInit, OnDestroy {
  private readonly api = inject(AutomationsApi);
  private readonly route = inject(ActivatedRoute);
  private timer: ReturnType<typeof setInterval> | null = null;
  readonly runs = signal<Run[]>([]);
  readonly nextCursor = signal<string | null>(null);
  private olderLoaded = false;
  private readonly labels = signal<ReadonlyMap<string, string>>(new Map());
  /** Node labels of the automation's draft, by node id. */
  private readonly stepLabels = signal<ReadonlyMap<string, string>>(new Map());
  readonly selected = signal<RunDetail | null>(null);
  readonly statuses: RunStatus[] = ['succeeded', 'failed', 'waiting', 'running', 'queued', 'stopped', 'interrupted'];
  /** The search: a status ('' any) and a start date range (yyyy-mm-dd, the day of `to` included). */
  readonly status = signal('');
  readonly from = signal('');
  readonly to = signal('');
  readonly searching = computed(() => Boolean(this.status() || this.from() || this.to()));
  readonly loadingSteps = signal(false);
  readonly error = signal<string | null>(null);

  async ngOnInit(): Promise<void> {
    void this.api.nodeTypes().then(
      (specs: NodeTypeSpec[]) => this.labels.set(new Map(specs.map((s) => [s.type, s.label]))),
      () => undefined, // labels are a nicety; the node type is shown instead
    );
    void this.api.get_(this.automationId()).then(
      (a) => this.stepLabels.set(new Map(a.graph.nodes.map((n): [string, string] => [n.id, n.label ?? '']))),
      () => undefined, // the type's label is shown instead
    );
    await this.refresh();
    const wanted = this.route.snapshot.queryParamMap.get('run') ?? this.runs()[0]?.id;
    if (wanted) await this.open(wanted);
    // Runs in flight change under the inspector: keep it current while the page is open.
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
  }

  ngOnDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  labelOf(type: string): string {
    return this.labels().get(type) ?? type;
  }

  /** A step as the canvas names it (its label in the draft), never by its id. */
  stepName(nodeId: string, type: string): string {
    return this.stepLabels().get(nodeId) || this.labelOf(type);
  }

  /** "1.2 s", or "5.0 s so far" while it is in flight. */
  duration(run: Run): string {
    const end = run.finishedAt ? Date.parse(run.finishedAt) : Date.now();
    const ms = Math.max(0, end - Date.parse(run.startedAt));
    const text =
      ms < 1000 ? `${ms} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`;
    return run.finishedAt ? text : `${text} so far`;
  }

  async more(): Promise<void> {
    try {
      const page = await this.api.runs(this.automationId(), this.nextCursor(), this.query());
      this.runs.update((runs) => [...runs, ...page.items.filter((r) => !runs.some((x) => x.id === r.id))]);
      this.nextCursor.set(page.nextCursor);
      this.olderLoaded = true;
    } catch (error) {
      this.error.set(problemText(error));
    }
  }

  async open(runId: string): Promise<void> {
    try {
      this.selected.set(await this.load(runId));
    } catch (error) {
      this.error.set(problemText(error));
    }
  }

  /** The run's next page of steps, below those shown (a run may have thousands). */
  async moreSteps(): Promise<void> {
    const run = this.selected();
    if (!run?.nextStepsCursor || this.loadingSteps()) return;
    this.loadingSteps.set(true);
    try {
      const next = await this.api.run(run.id, run.nextStepsCursor);
      if (this.selected()?.id === run.id) this.selected.set({ ...next, steps: [...run.steps, ...next.steps] });
    } catch (error) {
      this.error.set(problemText(error));
    } finally {
      this.loadingSteps.set(false);
    }
  }

  /** A run with its first page of steps, or as many pages as it takes to show `atLeast` steps. */
  private async load(runId: string, atLeast = 0): Promise<RunDetail> {
    let run = await this.api.run(runId);
    while (run.nextStepsCursor && run.steps.length < atLeast) {
      const next = await this.api.run(runId, run.nextStepsCursor);
      run = { ...next, steps: [...run.steps, ...next.steps] };
    }
    return run;
  }

  async rerun(runId: string): Promise<void> {
    try {
      const run = await this.api.rerun(runId);
      await this.refresh();
      await this.open(run.id);
    } catch (error) {
      this.error.set(problemText(error));
    }
  }

  /** A new search: its first page replaces the list. */
  async search(): Promise<void> {
    this.olderLoaded = false;
    this.runs.set([]);
    await this.refresh();
  }

  /** Dates in the person's time zone: from the start of `from` to the end of `to`. */
  private query(): { status?: string; from?: string; to?: string } {
    const day = (value: string, after = 0) => {
      const [y, m, d] = value.split('-').map(Number);
      return new Date(y, m - 1, d + after).toISOString();
    };
    return {
      status: this.status() || undefined,
      from: this.from() ? day(this.from()) : undefined,
      to: this.to() ? day(this.to(), 1) : undefined,
    };
  }

  async retry(runId: string): Promise<void> {
    try {
      const run = await this.api.retry(runId);
      await this.refresh();
      await this.open(run.id);
    } catch (error) {
      this.error.set(problemText(error));
    }
  }

  private automationId(): string {
    return this.route.snapshot.paramMap.get('automationId')!;
  }

  private async refresh(): Promise<void> {
    try {
      // The newest page replaces its runs; older pages loaded with "Older runs" stay below it.
      const page = await this.api.runs(this.automationId(), null, this.query());
      const fresh = new Set(page.items.map((r) => r.id));
      const older = this.olderLoaded ? this.runs().filter((r) => !fresh.has(r.id)) : [];
      this.runs.set([...page.items, ...older]);
      if (!this.olderLoaded) this.nextCursor.set(page.nextCursor);
      // A run in flight is read again, with as many steps as were shown ("More steps" stays done).
      const open = this.selected();
      if (open && ['queued', 'running', 'waiting'].includes(open.status)) {
        const fresh = await this.load(open.id, open.steps.length);
        if (this.selected()?.id === open.id) this.selected.set(fresh);
      }
    } catch (error) {
      this.error.set(problemText(error));
    }
  }
}
