import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { FFlowModule } from '@foblex/flow';
import { IconComponent } from '../../shared/icon.component';
import type { GraphNode, NodeTypeSpec } from '../automation.types';
import { outputPorts, sourceId, targetId } from '../graph-editing';
import { iconOf, nodeName, summaryOf } from './node-visuals';
import type { NodeOutcome } from './run-overlay';

/**
 * A node's card on the canvas (its host carries `fNode`): icon, label (double-click or F2 to
 * rename), a plain-words summary of its settings, its ports (named when there are several) and a
 * "+" on each output that asks for the next step.
 */
@Component({
  selector: 'so-node-card',
  imports: [FFlowModule, IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'node-card',
    '[class.trigger]': "spec()?.category === 'trigger'",
    '[class.action]': "spec()?.category === 'action'",
    '[attr.data-outcome]': 'outcome()',
  },
  // `.nc-` names: the app's global styles have a `.label` and friends. The frame rule outweighs
  // Foblex's theme (`.f-flow .f-node`), which would make every card 120 px wide and centred.
  styles: [
    `
      :host(.node-card.f-node) {
        display: block;
        width: 260px;
        min-height: 0;
        padding: 10px 12px;
        text-align: left;
        color: #101828;
        border: 1px solid #b8bdd0;
        border-left: 4px solid #8b93b0;
        border-radius: 10px;
        background: #fff;
        position: relative;
        font-size: 14px;
        line-height: 1.35;
        box-shadow: 0 1px 2px rgb(16 24 40 / 6%);
      }
      :host(.node-card.f-node.trigger) {
        border-left-color: #1f9d6b;
      }
      :host(.node-card.f-node.action) {
        border-left-color: #3867d6;
      }
      .nc-head {
        display: flex;
        align-items: center;
        gap: 8px;
      }
      .nc-icon {
        display: inline-flex;
        padding: 5px;
        border-radius: 8px;
        background: #eef0ff;
        color: #4f46e5;
        flex: none;
      }
      .nc-names {
        min-width: 0;
        flex: 1;
      }
      /* Sized to stay readable (12 px or more on screen) at the least zoom a graph opens at, 75 %. */
      .nc-label {
        font-weight: 600;
        font-size: 16px;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .nc-label-input {
        font: inherit;
        font-weight: 600;
        font-size: 16px;
        width: 100%;
        padding: 1px 4px;
      }
      .nc-type {
        font-size: 13px;
        color: #667085;
      }
      .nc-summary {
        font-size: 14px;
        color: #475467;
        margin-top: 6px;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .nc-outs {
        display: flex;
        flex-direction: column;
        align-items: flex-end;
        gap: 6px;
        margin-top: 8px;
        margin-right: -20px;
      }
      .nc-out {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        font-size: 13px;
        color: #344054;
      }
      .nc-out .nc-plus {
        width: 22px;
        height: 22px;
        padding: 0;
        border-radius: 50%;
        border: 1px solid #b8bdd0;
        background: #fff;
        font-size: 15px;
        font-weight: 600;
        line-height: 1;
      }
      .nc-out .nc-plus:hover,
      .nc-out .nc-plus:focus-visible {
        background: #eef0ff;
        border-color: #4f46e5;
      }
      .nc-port.nc-port {
        position: relative;
        inset: auto;
        width: 14px;
        height: 14px;
        border-radius: 50%;
        background: #5b6478;
        border: 2px solid #fff;
        box-shadow: 0 0 0 1px #5b6478;
        flex: none;
      }
      .nc-error {
        color: #b42318;
        font-weight: 600;
      }
      .nc-error .nc-port.nc-port {
        background: #d92d20;
        box-shadow: 0 0 0 1px #d92d20;
      }
      .nc-port.nc-port.nc-in {
        position: absolute;
        left: -9px;
        top: 18px;
      }
      .nc-badge {
        position: absolute;
        top: -11px;
        right: 8px;
        font-size: 12px;
        padding: 0 6px;
        border-radius: 8px;
        background: #fff;
        border: 1px solid currentColor;
      }
    `,
  ],
  template: `
    @for (port of spec()?.inputs ?? []; track port) {
      <div
        class="nc-port nc-in"
        fConnector
        fConnectorType="target"
        fConnectorConnectableSide="left"
        [fConnectorMultiple]="true"
        [fConnectorId]="targetId(node().id, port)"
        [attr.data-testid]="'port-' + node().id + '-' + port"
      ></div>
    }
    <div class="nc-head">
      <span class="nc-icon"><so-icon [name]="icon()" [size]="18" /></span>
      <div class="nc-names">
        @if (editing()) {
          <input
            class="nc-label-input"
            fDragBlocker
            aria-label="Step name"
            [value]="name()"
            (keydown.enter)="commit($any($event.target).value)"
            (keydown.escape)="editing.set(false)"
            (blur)="commit($any($event.target).value)"
            (click)="$event.stopPropagation()"
            #labelInput
          />
        } @else {
          <div class="nc-label" data-role="node-label" (dblclick)="editing.set(true)" [title]="name()">
            {{ name() }}
          </div>
        }
        @if (name() !== (spec()?.label ?? node().type)) {
          <div class="nc-type">{{ spec()?.label }}</div>
        }
      </div>
    </div>
    <div class="nc-summary" [title]="summary()">{{ summary() || ' ' }}</div>
    <div class="nc-outs">
      @for (port of ports(); track port) {
        <span class="nc-out" [class.nc-error]="port === 'error'">
          @if (ports().length > 1) {
            <span>{{ port }}</span>
          }
          <button
            type="button"
            class="nc-plus"
            fDragBlocker
            [attr.aria-label]="'Add a step after ' + name() + (ports().length > 1 ? ' (' + port + ')' : '')"
            [attr.data-testid]="'add-after-' + node().id + '-' + port"
            (click)="$event.stopPropagation(); addAfter.emit({ port, anchor: $any($event.currentTarget) })"
          >
            +
          </button>
          <span
            class="nc-port"
            fConnector
            fConnectorType="source"
            fConnectorConnectableSide="right"
            [fConnectorMultiple]="true"
            [fConnectorId]="sourceId(node().id, port)"
            [attr.data-testid]="'port-' + node().id + '-' + port"
          ></span>
        </span>
      }
    </div>
    @if (outcome(); as o) {
      <span class="nc-badge">{{ o }}</span>
    }
  `,
})
export class NodeCardComponent {
  readonly node = input.required<GraphNode>();
  readonly spec = input<NodeTypeSpec | undefined>();
  readonly outcome = input<NodeOutcome | null>(null);
  /** A new name (empty: back to the type's label). */
  readonly renamed = output<string>();
  /** "+" on an output: the port, and the button to place the picker beside. */
  readonly addAfter = output<{ port: string; anchor: HTMLElement }>();

  readonly editing = signal(false);
  readonly name = computed(() => nodeName(this.node(), this.spec()));
  readonly summary = computed(() => summaryOf(this.node(), this.spec()));
  readonly icon = computed(() => iconOf(this.node().type));
  readonly ports = computed(() => {
    const spec = this.spec();
    return spec ? outputPorts(spec, this.node().config, this.node().onError) : [];
  });
  readonly sourceId = sourceId;
  readonly targetId = targetId;

  startRename(): void {
    this.editing.set(true);
  }

  commit(value: string): void {
    if (!this.editing()) return;
    this.editing.set(false);
    if (value.trim() !== this.name()) this.renamed.emit(value.trim());
  }

  private readonly labelInput = viewChild<ElementRef<HTMLInputElement>>('labelInput');

  constructor() {
    // The rename box exists only while editing: focus it as soon as it is drawn.
    effect(() => {
      const box = this.labelInput()?.nativeElement;
      box?.focus();
      box?.select();
    });
  }
}
