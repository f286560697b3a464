import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import {
  FCanvasComponent,
  FCreateConnectionEvent,
  FCreateNodeEvent,
  FFlowComponent,
  FFlowModule,
  FMoveNodesEvent,
  FSelectionChangeEvent,
  FZoomDirective,
} from '@foblex/flow';
import { IconComponent } from '../../shared/icon.component';
import type { Graph, GraphEdge, GraphNode, NodeTypeSpec } from '../automation.types';
import { edgeKey, parseConnector, sourceId, targetId } from '../graph-editing';
import { NodeCardComponent } from './node-card.component';
import { NodePickerComponent } from './node-picker.component';
import { nodeName } from './node-visuals';
import type { RunOverlay } from './run-overlay';

/** The least zoom a graph opens at: below it labels are too small to read, so the view pans instead. */
export const READABLE_ZOOM = 0.75;
const FIT_PADDING = 60;

export interface Position {
  x: number;
  y: number;
}

/**
 * The editor's canvas (@foblex/flow): nodes as cards, connections routed as right-angled lines
 * between ports, sticky notes, the run overlay, zoom and minimap. It owns no graph state: every
 * gesture is an output the editor page turns into a graph change (and an undo step).
 */
@Component({
  selector: 'so-editor-canvas',
  imports: [FFlowModule, NodeCardComponent, NodePickerComponent, IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.with-minimap]': 'minimap()' },
  styles: [
    `
      :host {
        display: block;
        position: relative;
        height: 100%;
        min-height: 0;
        overflow: hidden;
      }
      f-flow {
        display: block;
        height: 100%;
        background: #f7f8fb;
      }
      /* The minimap never covers a node: it sits in a gutter right of the flow, whose opaque
         background also hides whatever of the graph lies past the flow's edge. */
      :host(.with-minimap) f-flow {
        width: calc(100% - 200px);
        overflow: visible;
      }
      .minimap-gutter {
        position: absolute;
        top: 0;
        right: 0;
        bottom: 0;
        width: 200px;
        z-index: 2;
        background: var(--surface, #fff);
        border-left: 1px solid var(--border, #ddd);
      }
      :host ::ng-deep .f-flow .f-canvas {
        background: transparent;
      }
      :host ::ng-deep .f-connection .f-connection-path {
        stroke: #7a8299;
        stroke-width: 2;
      }
      :host ::ng-deep .f-connection.invalid-edge .f-connection-path {
        stroke: #c33;
        stroke-width: 3;
      }
      :host ::ng-deep .f-connection.ran .f-connection-path {
        stroke: #1f9d6b;
        stroke-width: 3;
      }
      /* .node-card.f-node: as specific as the card's own frame rule, which these override. */
      so-node-card.node-card.f-node.invalid {
        border: 2px solid #c33;
      }
      so-node-card.node-card.f-node.f-selected,
      so-node-card.node-card.f-node.selected {
        box-shadow: 0 0 0 3px #8ab4f8;
      }
      so-node-card.node-card.f-node[data-outcome='succeeded'] {
        background: #ecfdf3;
        border-color: #1f9d6b;
      }
      so-node-card.node-card.f-node[data-outcome='failed'] {
        background: #fef3f2;
        border-color: #b42318;
      }
      so-node-card.node-card.f-node[data-outcome='skipped'] {
        opacity: 0.6;
      }
      .edge-count {
        font-size: 12px;
        padding: 0 6px;
        border-radius: 8px;
        background: #fff;
        border: 1px solid #1f9d6b;
        color: #05603a;
      }
      .sticky-note.f-node {
        width: 220px;
        min-height: 0;
        padding: 0;
        text-align: left;
        background: #fff8c5;
        border: 1px solid #e5d36a;
        border-radius: 6px;
        box-shadow: 0 1px 3px rgb(0 0 0 / 12%);
      }
      .sticky-note.f-node.selected {
        box-shadow: 0 0 0 3px #8ab4f8;
      }
      .note-grip {
        font-size: 12px;
        padding: 4px 8px;
        color: #7a6a00;
        cursor: grab;
      }
      .sticky-note textarea {
        display: block;
        width: 100%;
        min-height: 70px;
        border: 0;
        background: transparent;
        font: inherit;
        font-size: 14px;
        padding: 0 8px 8px;
        resize: vertical;
      }
      .view-tools {
        position: absolute;
        left: 12px;
        bottom: 12px;
        display: flex;
        gap: 4px;
        align-items: center;
        background: #fff;
        border: 1px solid var(--border, #ddd);
        border-radius: 8px;
        padding: 4px;
        z-index: 5;
      }
      .view-tools button {
        padding: 4px 6px;
        display: inline-flex;
      }
      .zoom-value {
        font-size: 12px;
        min-width: 40px;
        text-align: center;
      }
      :host ::ng-deep f-minimap {
        position: absolute;
        z-index: 3;
        width: 180px;
        height: 120px;
        right: -190px;
        bottom: 12px;
        border: 1px solid var(--border, #ddd);
        border-radius: 8px;
        background: #fff;
      }
      .empty {
        position: absolute;
        inset: 0;
        display: grid;
        place-items: center;
        pointer-events: none;
        color: #667085;
        font-size: 15px;
      }
    `,
  ],
  template: `
    <f-flow
      fDraggable
      [fMultiSelectTrigger]="multiSelect"
      (fCreateNode)="onCreateNode($event)"
      (fCreateConnection)="onConnect($event)"
      (fMoveNodes)="onMove($event)"
      (fSelectionChange)="onSelection($event)"
      (fNodesRendered)="onNodesRendered()"
      data-testid="canvas"
    >
      <f-background><f-circle-pattern /></f-background>
      <f-selection-area />
      <f-canvas fZoom [fZoomMinimum]="0.2" [fZoomMaximum]="2" [fZoomStep]="0.1" (fCanvasChange)="onCanvasChange()">
        <f-connection-for-create fType="segment" fBehavior="fixed" [fRadius]="8" [fOffset]="24" />
        @for (edge of edges(); track key(edge)) {
          <f-connection
            [fConnectionId]="key(edge)"
            [fSourceId]="source(edge.from.node, edge.from.port)"
            [fTargetId]="target(edge.to.node, edge.to.port)"
            fType="segment"
            fBehavior="fixed"
            [fRadius]="8"
            [fOffset]="24"
            [class.invalid-edge]="invalidEdges().has(key(edge))"
            [class.ran]="edgeCount(edge) !== null"
          >
            @if (edgeCount(edge); as count) {
              <div fConnectionContent [position]="0.5">
                <span class="edge-count" [attr.data-testid]="'edge-count-' + key(edge)"
                  >{{ count }} item{{ count === 1 ? '' : 's' }}</span
                >
              </div>
            }
          </f-connection>
        }
        @for (node of graph().nodes; track node.id) {
          <so-node-card
            fNode
            fDragHandle
            [fNodeId]="node.id"
            [fNodePosition]="node.position"
            [node]="node"
            [spec]="specOf(node)"
            [outcome]="runOverlay()?.nodes?.[node.id]?.outcome ?? null"
            [class.invalid]="invalidNodes().has(node.id)"
            [class.selected]="selection().includes(node.id)"
            [attr.data-testid]="'node-' + node.id"
            [attr.aria-label]="nameOf(node)"
            (click)="onNodeClick(node.id, $event)"
            (renamed)="renamed.emit({ id: node.id, label: $event })"
            (addAfter)="openPicker(node.id, $event.port, $event.anchor)"
          />
        }
        @for (note of graph().notes ?? []; track note.id) {
          <div
            fNode
            [fNodeId]="note.id"
            [fNodePosition]="note.position"
            class="sticky-note"
            [class.selected]="selection().includes(note.id)"
            [attr.data-testid]="'note-' + note.id"
            (click)="onNodeClick(note.id, $event)"
          >
            <div class="note-grip" fDragHandle>Note</div>
            <textarea
              fDragBlocker
              aria-label="Note"
              [value]="note.text"
              (change)="noteEdited.emit({ id: note.id, text: $any($event.target).value })"
            ></textarea>
          </div>
        }
      </f-canvas>
      @if (minimap()) {
        <f-minimap [fMinSize]="400" />
      }
    </f-flow>
    @if (minimap()) {
      <div class="minimap-gutter" aria-hidden="true"></div>
    }
    @if (!graph().nodes.length) {
      <p class="empty">Drag a trigger here from the steps panel, or press Enter on one.</p>
    }
    <div class="view-tools" role="toolbar" aria-label="View">
      <button type="button" (click)="zoomOut()" aria-label="Zoom out" title="Zoom out (-)">
        <so-icon name="zoom-out" />
      </button>
      <span class="zoom-value" data-testid="zoom" aria-live="polite">{{ zoomPercent() }}%</span>
      <button type="button" (click)="zoomIn()" aria-label="Zoom in" title="Zoom in (+)">
        <so-icon name="zoom-in" />
      </button>
      <button type="button" (click)="fit()" aria-label="Fit" title="Fit the graph (F)"><so-icon name="fit" /></button>
      <button
        type="button"
        (click)="minimap.set(!minimap())"
        [attr.aria-pressed]="minimap()"
        aria-label="Minimap"
        title="Show or hide the minimap (M)"
      >
        <so-icon name="minimap" />
      </button>
    </div>
    @if (picker(); as p) {
      <so-node-picker
        [specs]="specs()"
        [style.left.px]="p.left"
        [style.top.px]="p.top"
        (picked)="addAfter.emit({ from: p.from, type: $event.type }); picker.set(null)"
        (closed)="picker.set(null)"
      />
    }
  `,
})
export class EditorCanvasComponent {
  private readonly cdr = inject(ChangeDetectorRef);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly canvas = viewChild(FCanvasComponent);
  private readonly flow = viewChild(FFlowComponent);
  private readonly flowElement = viewChild(FFlowComponent, { read: ElementRef });
  private readonly zoom = viewChild(FZoomDirective);
  private fitted = false;

  readonly graph = input.required<Graph>();
  readonly specs = input.required<NodeTypeSpec[]>();
  /** Selected node (and note) ids. */
  readonly selection = input<string[]>([]);
  readonly invalidNodes = input<ReadonlySet<string>>(new Set());
  /** Edge keys (`edgeKey`) a publish error names. */
  readonly invalidEdges = input<ReadonlySet<string>>(new Set());
  /** A run shown on the graph: nodes coloured by outcome, item counts on the connections. */
  readonly runOverlay = input<RunOverlay | null>(null);

  /** A node (or note) was clicked: the editor selects it; with Shift/Ctrl it joins the selection. */
  readonly nodeSelected = output<{ id: string; add: boolean }>();
  /** Foblex's selection changed (box select, click on the background). */
  readonly selectionChange = output<string[]>();
  /** A palette item dropped on the canvas, at a flow position. */
  readonly nodeDropped = output<{ type: string; position: Position }>();
  readonly connected = output<GraphEdge>();
  readonly moved = output<{ id: string; position: Position }[]>();
  readonly renamed = output<{ id: string; label: string }>();
  /** The "+" picker's choice: add a `type` node after `from` and connect it. */
  readonly addAfter = output<{ from: { node: string; port: string }; type: string }>();
  readonly noteEdited = output<{ id: string; text: string }>();

  readonly minimap = signal(false);
  readonly zoomPercent = signal(100);
  readonly picker = signal<{ from: { node: string; port: string }; left: number; top: number } | null>(null);

  readonly key = edgeKey;
  readonly source = sourceId;
  readonly target = targetId;
  /** Shift-click (or Ctrl/Cmd-click) adds a node to the selection. */
  readonly multiSelect = (event: { shiftKey?: boolean; ctrlKey?: boolean; metaKey?: boolean }) =>
    !!(event.shiftKey || event.ctrlKey || event.metaKey);

  constructor() {
    // Foblex keeps its own selection (it moves what it has selected): keep it the editor's, so
    // Ctrl+A, paste and Escape select for dragging too. `false`: no selection event back.
    effect(() => {
      const ids = this.selection();
      const flow = this.flow();
      if (flow) untracked(() => flow.select(ids, [], false));
    });
    // A connection made in the same change as its card (the "+" picker, a paste, undo) cannot find
    // the card's ports until the card is drawn: it is drawn from the next turn on.
    effect(() => {
      const ids = this.graph().nodes.map((n) => n.id);
      setTimeout(() => this.drawnNodes.set(new Set(ids)));
    });
  }

  /** Nodes whose cards (and ports) are on the canvas; connections wait for both their ends. */
  private readonly drawnNodes = signal<ReadonlySet<string>>(new Set());
  readonly edges = computed(() => {
    const drawn = this.drawnNodes();
    return this.graph().edges.filter((e) => drawn.has(e.from.node) && drawn.has(e.to.node));
  });

  private readonly specByType = computed(() => new Map(this.specs().map((s) => [s.type as string, s])));

  specOf(node: GraphNode): NodeTypeSpec | undefined {
    return this.specByType().get(node.type);
  }

  nameOf(node: GraphNode): string {
    return nodeName(node, this.specOf(node));
  }

  edgeCount(edge: GraphEdge): number | null {
    return this.runOverlay()?.edges[edgeKey(edge)] ?? null;
  }

  onNodeClick(id: string, event: MouseEvent): void {
    this.nodeSelected.emit({ id, add: this.multiSelect(event) });
  }

  onSelection(event: FSelectionChangeEvent): void {
    this.selectionChange.emit(event.nodeIds);
  }

  onCreateNode(event: FCreateNodeEvent<string>): void {
    const at = event.dropPosition ?? { x: event.externalItemRect.x, y: event.externalItemRect.y };
    this.nodeDropped.emit({ type: event.data, position: { x: Math.round(at.x), y: Math.round(at.y) } });
  }

  onConnect(event: FCreateConnectionEvent): void {
    if (!event.targetId) return;
    this.connected.emit({ from: parseConnector(event.sourceId), to: parseConnector(event.targetId) });
  }

  onMove(event: FMoveNodesEvent): void {
    this.moved.emit(
      event.nodes.map((n) => ({ id: n.id, position: { x: Math.round(n.position.x), y: Math.round(n.position.y) } })),
    );
  }

  onCanvasChange(): void {
    this.zoomPercent.set(Math.round((this.canvas()?.getScale() ?? 1) * 100));
    // Foblex measures a connection's ports against the canvas transform it holds; a line measured
    // while the view was being fitted or zoomed sat off its ports until a card moved. Measure again.
    this.flow()?.redraw();
    this.cdr.markForCheck();
  }

  openPicker(node: string, port: string, anchor: HTMLElement): void {
    const box = this.host.getBoundingClientRect();
    const at = anchor.getBoundingClientRect();
    // Beside the "+", kept inside the canvas (the picker is 280 × up to 360).
    const left = Math.min(at.right + 8 - box.left, box.width - 290);
    const top = Math.max(8, Math.min(at.top - box.top - 20, box.height - 370));
    this.picker.set({ from: { node, port }, left: Math.max(8, left), top });
  }

  /**
   * The flow position at the middle of what the canvas shows, or null before it is drawn;
   * `hiddenRight` pixels on the right are left out (a panel about to open over that part).
   */
  centre(hiddenRight = 0): Position | null {
    const flow = this.flow();
    const box = (this.flowElement()?.nativeElement as HTMLElement | undefined)?.getBoundingClientRect();
    if (!flow || !box?.width) return null;
    const width = Math.max(box.width / 2, box.width - hiddenRight);
    return flow.getPositionInFlow({ x: box.left + width / 2, y: box.top + box.height / 2 });
  }

  onNodesRendered(): void {
    this.fitOnce();
    this.flow()?.redraw();
  }

  /**
   * Fits the loaded graph once: fNodesRendered fires again whenever nodes are added, and re-fitting
   * then would move the view away from where the user is working.
   */
  fitOnce(): void {
    if (this.fitted || !this.graph().nodes.length) return;
    this.fitted = true;
    this.fit();
  }

  /**
   * Shows the whole graph when it fits at a readable zoom; otherwise zooms to READABLE_ZOOM keeping
   * the graph's start (its left side, where triggers sit) in view, and the rest is a pan away.
   */
  fit(): void {
    const canvas = this.canvas();
    const host = this.flowElement()?.nativeElement as HTMLElement | undefined;
    if (!canvas || !host) return;
    canvas.fitToScreen({ x: FIT_PADDING * 2, y: FIT_PADDING * 2 }, false);
    const scale = canvas.getScale();
    if (scale < READABLE_ZOOM) {
      canvas.setScale(READABLE_ZOOM, { x: FIT_PADDING / 2, y: host.clientHeight / 2 });
      canvas.redraw();
      this.minimap.set(true);
    } else if (scale > 1) {
      // A small graph is shown at its natural size rather than blown up.
      canvas.setScale(1, { x: host.clientWidth / 2, y: host.clientHeight / 2 });
      canvas.redraw();
    }
    this.onCanvasChange();
  }

  zoomIn(): void {
    this.zoom()?.zoomIn();
    this.onCanvasChange();
  }

  zoomOut(): void {
    this.zoom()?.zoomOut();
    this.onCanvasChange();
  }

  /** Moves the view so a node is in the middle (after the "+" picker adds one off-screen). */
  reveal(id: string): void {
    this.canvas()?.centerGroupOrNode(id, true);
  }
}
