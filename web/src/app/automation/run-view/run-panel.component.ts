import { JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Graph } from '../automation.types';
import { CanvasRun } from './canvas-run.service';

/**
 * Under the canvas while a run is drawn on it: the run's outcome, and for the node clicked its
 * input and output (a test's simulated actions say what they would have done).
 */
@Component({
  selector: 'so-run-panel',
  imports: [JsonPipe, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      position: fixed;
      right: 16px;
      bottom: 16px;
      z-index: 20;
      width: min(520px, 45vw);
    }
    section {
      background: var(--surface, #fff);
      border: 1px solid var(--border, #ccd);
      border-radius: 8px;
      box-shadow: 0 4px 16px rgb(0 0 0 / 15%);
      padding: 10px 14px;
      max-height: 50vh;
      overflow: auto;
    }
    header {
      display: flex;
      gap: 8px;
      align-items: center;
      justify-content: space-between;
    }
    pre {
      max-height: 160px;
      overflow: auto;
      font-size: 12px;
      margin: 4px 0;
    }
  `,
  template: `
    @if (canvasRun.run(); as run) {
      <section aria-label="Run on the canvas" data-testid="run-panel" [attr.data-status]="run.status">
        <header>
          <strong>
            {{ run.test ? 'Test of the draft' : 'Run' }} —
            <span class="chip" [attr.data-status]="run.status">{{ run.status }}</span>
          </strong>
          <span>
            <a [routerLink]="['runs']" [queryParams]="{ run: run.id }">In the runs list</a>
            <button type="button" class="link" (click)="canvasRun.clear()">Close</button>
          </span>
        </header>
        @if (run.test) {
          <p class="muted small">Nothing was posted or sent: each action shows what it would have done.</p>
        }
        @if (run.error) {
          <p class="field-error">{{ run.error }}</p>
        }
        @if (canvasRun.selectedNodeId(); as nodeId) {
          <h3>{{ nameOf(nodeId) }}</h3>
          @for (step of canvasRun.selectedSteps(); track step.id; let i = $index) {
            <div data-testid="step-io">
              @if (canvasRun.selectedSteps().length > 1) {
                <p class="small">Item {{ i + 1 }}</p>
              }
              @if (step.error) {
                <p class="field-error">{{ step.error }}</p>
              }
              <p class="small"><strong>Input</strong></p>
              <pre data-testid="step-input">{{ step.input | json }}</pre>
              <p class="small"><strong>Output</strong> {{ step.port ? '(' + step.port + ')' : '' }}</p>
              <pre data-testid="step-output">{{ step.output | json }}</pre>
            </div>
          } @empty {
            <p class="muted small">No item reached this step in this run.</p>
          }
        } @else {
          <p class="muted small">Click a step on the canvas to see what came in and what went out.</p>
        }
      </section>
    } @else if (canvasRun.error(); as message) {
      <section aria-label="Run on the canvas">
        <p class="field-error" role="alert">{{ message }}</p>
      </section>
    }
  `,
})
export class RunPanelComponent {
  readonly canvasRun = inject(CanvasRun);
  /** The graph on the canvas, to name steps by their labels. */
  readonly graph = input<Graph | null>(null);
  private readonly labels = computed(
    () => new Map((this.canvasRun.graph() ?? this.graph())?.nodes.map((n) => [n.id, n.label ?? n.type]) ?? []),
  );

  nameOf(nodeId: string): string {
    return this.labels().get(nodeId) || 'Step';
  }
}
