import { computed, inject, Injectable, signal } from '@angular/core';
import { problemText } from '../../core/form-errors';
import { AutomationsApi } from '../automations.api';
import type { Graph, RunDetail, RunStep } from '../automation.types';
import type { RunOverlay } from '../editor/run-overlay';
import { runOverlayOf } from './run-overlay-of';

const POLL_MS = 500;
const MAX_STEPS = 2000;
const SETTLED = ['succeeded', 'failed', 'stopped', 'interrupted', 'waiting'];

/**
 * The run the editor draws on its canvas — a test of the draft just started, or a past run
 * opened from the runs page — and the node whose input and output are shown. Feature state:
 * private writable signals, read-only views, intent-named setters.
 */
@Injectable({ providedIn: 'root' })
export class CanvasRun {
  private readonly api = inject(AutomationsApi);
  private readonly current = signal<RunDetail | null>(null);
  private readonly selectedId = signal<string | null>(null);
  private readonly failure = signal<string | null>(null);
  private readonly starting = signal(false);
  private polling = 0;
  /** Set by the editor: saves the draft so a test runs what is on the canvas (false: not saved). */
  beforeTest: (() => Promise<boolean>) | null = null;

  readonly run = this.current.asReadonly();
  readonly error = this.failure.asReadonly();
  readonly busy = this.starting.asReadonly();
  readonly selectedNodeId = this.selectedId.asReadonly();
  /** The graph the run went through (a test's draft, else its version). */
  readonly graph = computed<Graph | null>(() => this.current()?.graph ?? null);
  readonly overlay = computed<RunOverlay | null>(() => {
    const run = this.current();
    return run?.graph ? runOverlayOf(run, run.graph) : null;
  });
  /** The steps of the selected node in the run shown: what came in, what went out. */
  readonly selectedSteps = computed<RunStep[]>(() => {
    const id = this.selectedId();
    return id ? (this.current()?.steps ?? []).filter((s) => s.nodeId === id) : [];
  });

  /** Tests the draft from a trigger on its sample (or `payload`), then follows the run on the canvas. */
  async testDraft(automationId: string, nodeId: string, payload?: Record<string, unknown>): Promise<void> {
    this.starting.set(true);
    this.failure.set(null);
    try {
      if (this.beforeTest && !(await this.beforeTest())) return;
      const { runId } = await this.api.testDraft(automationId, nodeId, payload);
      await this.open(runId);
    } catch (error) {
      this.failure.set(problemText(error));
    } finally {
      this.starting.set(false);
    }
  }

  /** Shows a run (with all its steps) on the canvas, following it until it settles. */
  async open(runId: string): Promise<void> {
    const turn = ++this.polling;
    this.failure.set(null);
    try {
      for (;;) {
        const run = await this.withAllSteps(runId);
        if (turn !== this.polling) return;
        this.current.set(run);
        if (SETTLED.includes(run.status)) return;
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    } catch (error) {
      if (turn === this.polling) this.failure.set(problemText(error));
    }
  }

  selectNode(nodeId: string | null): void {
    this.selectedId.set(nodeId);
  }

  clear(): void {
    this.polling++;
    this.current.set(null);
    this.selectedId.set(null);
    this.failure.set(null);
  }

  private async withAllSteps(runId: string): Promise<RunDetail> {
    let run = await this.api.run(runId);
    // The canvas counts items per node: a run of thousands of steps is read up to a bound.
    while (run.nextStepsCursor && run.steps.length < MAX_STEPS) {
      const next = await this.api.run(runId, run.nextStepsCursor);
      run = { ...next, graph: run.graph, steps: [...run.steps, ...next.steps] };
    }
    return run;
  }
}
