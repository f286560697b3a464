import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  computed,
  ElementRef,
  HostListener,
  inject,
  OnInit,
  signal,
  viewChild,
} from '@angular/core';
import { ActivatedRoute, RouterLink } from '@angular/router';
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
import { toProblem } from '../core/form-errors';
import { BannerComponent } from '../shared/banner.component';
import { AccountsStore } from '../accounts/accounts.store';
import { TeamApi } from '../members/team.api';
import { AutomationsApi } from './automations.api';
import type { Automation, Graph, GraphEdge, GraphNode, NodeTypeSpec } from './automation.types';
import { FieldFormComponent } from './field-form.component';
import { TestRunComponent } from './test-run.component';
import { VersionsPanelComponent } from './versions-panel.component';
import { WebhookPanelComponent } from './webhook-panel.component';
import { FeedStatusComponent } from './feed-status.component';
import {
  addNode,
  connect,
  copy,
  edgeKey,
  GraphHistory,
  moveNodes,
  outputPorts,
  parseConnector,
  paste,
  removeEdge,
  removeNodes,
  sourceId,
  targetId,
  updateConfig,
} from './graph-editing';

const CATEGORIES = [
  ['trigger', 'Triggers'],
  ['logic', 'Logic'],
  ['action', 'Actions'],
] as const;

/** A one-line summary of a node's config for its card on the canvas. */
function summary(node: GraphNode): string {
  const c = node.config;
  const first = ['feedUrl', 'cron', 'text', 'message', 'url', 'to', 'preset', 'field', 'minutes', 'metric', 'events']
    .map((k) => c[k])
    .find((v) => v !== undefined && v !== '');
  const text = Array.isArray(first) ? first.join(', ') : first === undefined ? '' : String(first);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/**
 * The automation editor (@foblex/flow): a palette grouped into triggers, logic and actions;
 * nodes dragged onto the canvas and wired port to port; each node's form beside the canvas;
 * undo/redo, copy/paste, delete, zoom, minimap; save, publish and enable.
 */
@Component({
  selector: 'so-automation-editor',
  imports: [
    FFlowModule,
    FieldFormComponent,
    BannerComponent,
    RouterLink,
    WebhookPanelComponent,
    FeedStatusComponent,
    VersionsPanelComponent,
    TestRunComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    `
      :host {
        display: block;
      }
      .editor {
        display: grid;
        grid-template-columns: 220px 1fr 320px;
        gap: 12px;
        height: calc(100vh - 190px);
        min-height: 480px;
      }
      .palette,
      .panel {
        overflow: auto;
        border: 1px solid var(--border, #ddd);
        border-radius: 8px;
        padding: 8px;
        background: var(--surface, #fff);
      }
      .palette-item {
        display: block;
        width: 100%;
        text-align: left;
        margin: 4px 0;
        padding: 6px 8px;
        border: 1px solid #ccd;
        border-radius: 6px;
        background: #f7f8fc;
        cursor: grab;
      }
      f-flow {
        display: block;
        height: 100%;
        border: 1px solid var(--border, #ddd);
        border-radius: 8px;
      }
      .flow-node {
        min-width: 170px;
        padding: 8px 10px;
        border: 1px solid #99a;
        border-radius: 8px;
        background: #fff;
        position: relative;
      }
      .flow-node.trigger {
        border-color: #2a7;
      }
      .flow-node.action {
        border-color: #36c;
      }
      .flow-node.invalid {
        border: 2px solid #c33;
      }
      :host ::ng-deep .f-connection.invalid-edge .f-connection-path {
        stroke: #c33;
        stroke-width: 3;
      }
      .flow-node.selected {
        box-shadow: 0 0 0 3px #8ab4f8;
      }
      .node-summary {
        font-size: 12px;
        color: #666;
      }
      .ports-out {
        display: flex;
        flex-direction: column;
        align-items: flex-end;
        gap: 4px;
        margin-top: 6px;
      }
      .port {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        font-size: 11px;
        margin-right: -16px;
      }
      .port .connector {
        position: relative;
        flex: none;
      }
      .connector {
        width: 12px;
        height: 12px;
        border-radius: 50%;
        background: #567;
        border: 2px solid #fff;
        box-shadow: 0 0 0 1px #567;
      }
      .connector.in {
        position: absolute;
        left: -7px;
        top: 12px;
      }
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        align-items: center;
        margin-bottom: 8px;
      }
      .toolbar input {
        min-width: 240px;
      }
    `,
  ],
  template: `
    @if (automation(); as a) {
      <div class="toolbar" role="toolbar" aria-label="Automation">
        <label class="sr-only" for="automation-name">Name</label>
        <input id="automation-name" [value]="name()" (input)="name.set($any($event.target).value); dirty.set(true)" />
        <button type="button" (click)="save()" [disabled]="busy()">Save</button>
        <button type="button" class="primary" (click)="publish()" [disabled]="busy()">Publish</button>
        <button type="button" (click)="toggleEnabled()" [disabled]="busy() || a.publishedVersion === null">
          {{ a.enabled ? 'Disable' : 'Enable' }}
        </button>
        <span class="muted small"
          >{{ a.publishedVersion === null ? 'Not published' : 'Published v' + a.publishedVersion
          }}{{ a.enabled ? ' · on' : ' · off' }}</span
        >
        <button type="button" (click)="undo()" [disabled]="!canUndo()" title="Ctrl+Z">Undo</button>
        <button type="button" (click)="redo()" [disabled]="!canRedo()" title="Ctrl+Shift+Z">Redo</button>
        <button type="button" (click)="copySelection()" [disabled]="!selection().length" title="Ctrl+C">Copy</button>
        <button type="button" (click)="pasteClipboard()" [disabled]="!clipboard()" title="Ctrl+V">Paste</button>
        <button type="button" (click)="deleteSelection()" [disabled]="!selection().length" title="Delete">
          Delete
        </button>
        <button type="button" (click)="zoom()?.zoomIn()" aria-label="Zoom in">+</button>
        <button type="button" (click)="zoom()?.zoomOut()" aria-label="Zoom out">−</button>
        <button type="button" (click)="fit()">Fit</button>
        @if (hasWebhook()) {
          <button type="button" (click)="showHooks.set(!showHooks())" [attr.aria-expanded]="showHooks()">
            Webhook URL
          </button>
        }
        <a routerLink="runs">Runs</a>
      </div>
      <so-banner [message]="error()" />
      <so-banner kind="success" [message]="notice()" />
      @if (showHooks() && automation(); as a) {
        <so-webhook-panel [automationId]="a.id" (closed)="showHooks.set(false)" />
      }
      <div class="editor">
        <aside class="palette" aria-label="Palette">
          <label for="palette-search">Search nodes</label>
          <input id="palette-search" type="search" [value]="search()" (input)="search.set($any($event.target).value)" />
          @for (group of palette(); track group.category) {
            <h3>{{ group.title }}</h3>
            @for (spec of group.items; track spec.type) {
              <button
                type="button"
                class="palette-item"
                fExternalItem
                [fData]="spec.type"
                [attr.data-testid]="'palette-' + spec.type"
                [title]="spec.description"
                (keydown.enter)="$event.preventDefault(); addAtCentre(spec)"
              >
                {{ spec.label }}
              </button>
            }
          }
        </aside>
        <f-flow
          fDraggable
          (fCreateNode)="onCreateNode($event)"
          (fCreateConnection)="onConnect($event)"
          (fMoveNodes)="onMove($event)"
          (fSelectionChange)="onSelection($event)"
          (fNodesRendered)="fitOnce()"
          data-testid="canvas"
        >
          <f-background><f-circle-pattern /></f-background>
          <f-canvas fZoom>
            <f-connection-for-create />
            @for (edge of graph().edges; track key(edge)) {
              <f-connection
                [fConnectionId]="key(edge)"
                [fSourceId]="source(edge.from.node, edge.from.port)"
                [fTargetId]="target(edge.to.node, edge.to.port)"
                fType="bezier"
                [class.invalid-edge]="invalidEdges().has(key(edge))"
              />
            }
            @for (node of graph().nodes; track node.id) {
              <div
                fNode
                fDragHandle
                [fNodeId]="node.id"
                [fNodePosition]="node.position"
                class="flow-node"
                [class.trigger]="specOf(node)?.category === 'trigger'"
                [class.action]="specOf(node)?.category === 'action'"
                [class.invalid]="invalidNodes().has(node.id)"
                [class.selected]="selection().includes(node.id)"
                [attr.data-testid]="'node-' + node.id"
                [attr.aria-label]="(specOf(node)?.label ?? node.type) + ' ' + node.id"
                (click)="select(node.id)"
              >
                @for (port of specOf(node)?.inputs ?? []; track port) {
                  <div
                    class="connector in"
                    fConnector
                    fConnectorType="target"
                    [fConnectorMultiple]="true"
                    [fConnectorId]="target(node.id, port)"
                    [attr.data-testid]="'port-' + node.id + '-' + port"
                  ></div>
                }
                <strong>{{ specOf(node)?.label ?? node.type }}</strong>
                <div class="node-summary">{{ summaryOf(node) }}</div>
                <div class="ports-out">
                  @for (port of portsOf(node); track port) {
                    <span class="port">
                      {{ port }}
                      <span
                        class="connector"
                        fConnector
                        fConnectorType="source"
                        [fConnectorMultiple]="true"
                        [fConnectorId]="source(node.id, port)"
                        [attr.data-testid]="'port-' + node.id + '-' + port"
                      ></span>
                    </span>
                  }
                </div>
              </div>
            }
          </f-canvas>
          <f-minimap />
        </f-flow>
        <aside class="panel" aria-label="Node settings">
          @if (selectedNode(); as node) {
            <h2>
              {{ specOf(node)?.label }} <span class="muted small">{{ node.id }}</span>
            </h2>
            <p class="muted small">{{ specOf(node)?.description }}</p>
            @if (nodeErrors()[node.id]?.['_node']; as message) {
              <p class="field-error" role="alert">{{ message }}</p>
            }
            <so-field-form
              [fields]="specOf(node)?.config ?? []"
              [values]="node.config"
              [errors]="nodeErrors()[node.id] ?? {}"
              [accounts]="accounts()"
              [customRoles]="customRoles()"
              [prefix]="'node-' + node.id"
              (changed)="changeConfig(node.id, $event)"
            />
            <h3>Connections</h3>
            @for (edge of edgesOf(node.id); track key(edge)) {
              <p class="small">
                {{ edge.from.node }}.{{ edge.from.port }} → {{ edge.to.node }}
                <button type="button" class="link" (click)="disconnect(edge)">Remove</button>
              </p>
            } @empty {
              <p class="muted small">Drag from an output dot to another node's input dot to connect.</p>
            }
            @if (specOf(node)?.category === 'trigger') {
              <so-test-run [automationId]="a.id" [nodeId]="node.id" [published]="a.publishedVersion !== null" />
            }
            @if (node.type === 'rss-in') {
              <so-feed-status [nodeIds]="[node.id]" [feeds]="a.feeds" />
            }
          } @else {
            @if (feedNodeIds().length) {
              <so-feed-status [nodeIds]="feedNodeIds()" [feeds]="a.feeds" />
            }
            <h2>Build your automation</h2>
            <p class="muted">
              Drag a trigger from the palette onto the canvas, then logic and actions; connect them by dragging from an
              output dot to an input dot. Select a node to set it up. Or start from a
              <a routerLink="../templates">template</a>.
            </p>
            <so-versions-panel
              [automationId]="a.id"
              [publishedVersion]="a.publishedVersion"
              (restored)="onRestored($event)"
            />
          }
          @if (generalErrors().length) {
            <h3>Before it can be published</h3>
            <ul>
              @for (message of generalErrors(); track message) {
                <li class="field-error">{{ message }}</li>
              }
            </ul>
          }
        </aside>
      </div>
    } @else {
      <so-banner [message]="error()" />
      <p class="muted">Loading…</p>
    }
  `,
})
export class EditorPage implements OnInit {
  private readonly api = inject(AutomationsApi);
  private readonly route = inject(ActivatedRoute);
  private readonly cdr = inject(ChangeDetectorRef);
  private readonly accountsStore = inject(AccountsStore);
  private readonly team = inject(TeamApi);
  private readonly history = new GraphHistory();
  private fitted = false;
  private readonly canvas = viewChild(FCanvasComponent);
  private readonly flow = viewChild(FFlowComponent);
  private readonly flowElement = viewChild(FFlowComponent, { read: ElementRef });
  readonly zoom = viewChild(FZoomDirective);

  readonly automation = signal<Automation | null>(null);
  readonly graph = signal<Graph>({ nodes: [], edges: [] });
  readonly name = signal('');
  readonly specs = signal<NodeTypeSpec[]>([]);
  readonly search = signal('');
  readonly selection = signal<string[]>([]);
  readonly clipboard = signal<Graph | null>(null);
  readonly dirty = signal(false);
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);
  readonly notice = signal<string | null>(null);
  readonly showHooks = signal(false);
  /** Publish errors: per node and field, and those that name no node. */
  readonly nodeErrors = signal<Partial<Record<string, Record<string, string>>>>({});
  readonly generalErrors = signal<string[]>([]);
  /** Keys of the connections a publish error names (`graph.edges.<index>`). */
  readonly invalidEdges = signal<ReadonlySet<string>>(new Set());
  readonly canUndo = signal(false);
  readonly canRedo = signal(false);

  readonly accounts = computed(() => (this.accountsStore.accounts() ?? []).map((a) => ({ id: a.id, name: a.name })));
  /** For a notify node's roles; empty when the member may not list roles (the built-in ones are still offered). */
  readonly customRoles = signal<{ id: string; name: string }[]>([]);
  readonly invalidNodes = computed(() => new Set(Object.keys(this.nodeErrors())));
  readonly selectedNode = computed(() => {
    const [id] = this.selection();
    return this.graph().nodes.find((n) => n.id === id) ?? null;
  });
  readonly hasWebhook = computed(() => this.graph().nodes.some((n) => n.type === 'webhook-in'));
  /** The feed triggers on the canvas, whose last checks the feed status shows. */
  readonly feedNodeIds = computed(() => this.graph().nodes.flatMap((n) => (n.type === 'rss-in' ? [n.id] : [])));
  readonly palette = computed(() => {
    const term = this.search().trim().toLowerCase();
    const matches = this.specs().filter(
      (s) => !term || s.label.toLowerCase().includes(term) || s.description.toLowerCase().includes(term),
    );
    return CATEGORIES.map(([category, title]) => ({
      category,
      title,
      items: matches.filter((s) => s.category === category),
    })).filter((g) => g.items.length);
  });

  readonly key = edgeKey;
  readonly source = sourceId;
  readonly target = targetId;
  readonly summaryOf = summary;

  async ngOnInit(): Promise<void> {
    try {
      const id = this.route.snapshot.paramMap.get('automationId')!;
      const [automation, specs] = await Promise.all([this.api.get_(id), this.api.nodeTypes()]);
      this.specs.set(specs);
      this.load(automation);
      await this.accountsStore.load();
      await this.loadCustomRoles();
    } catch (error) {
      this.error.set(toProblem(error).detail ?? 'The automation could not be loaded');
    }
  }

  private async loadCustomRoles(): Promise<void> {
    const roles = await this.team.roles().catch(() => []);
    this.customRoles.set(roles.filter((r) => !r.builtIn).map((r) => ({ id: r.id, name: r.name })));
  }

  specOf(node: GraphNode): NodeTypeSpec | undefined {
    return this.specs().find((s) => s.type === node.type);
  }

  portsOf(node: GraphNode): string[] {
    const spec = this.specOf(node);
    return spec ? outputPorts(spec, node.config) : [];
  }

  edgesOf(id: string): GraphEdge[] {
    return this.graph().edges.filter((e) => e.from.node === id || e.to.node === id);
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

  fit(): void {
    this.canvas()?.fitToScreen({ x: 80, y: 80 }, false);
  }

  select(id: string): void {
    this.selection.set([id]);
  }

  onSelection(event: FSelectionChangeEvent): void {
    this.selection.set(event.nodeIds);
    this.cdr.markForCheck();
  }

  onCreateNode(event: FCreateNodeEvent<string>): void {
    const spec = this.specs().find((s) => s.type === event.data);
    if (!spec) return;
    const at = event.dropPosition ?? { x: event.externalItemRect.x, y: event.externalItemRect.y };
    this.addSpec(spec, { x: Math.round(at.x), y: Math.round(at.y) });
  }

  /** Keyboard: Enter on a palette item adds it in the middle of what the canvas shows. */
  addAtCentre(spec: NodeTypeSpec): void {
    const flow = this.flow();
    const host = this.flowElement()?.nativeElement as HTMLElement | undefined;
    const box = host?.getBoundingClientRect();
    if (!flow || !box?.width) {
      const last = this.graph().nodes.at(-1);
      this.addSpec(spec, last ? { x: last.position.x + 240, y: last.position.y } : { x: 40, y: 40 });
      return;
    }
    const centre = flow.getPositionInFlow({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
    // Nodes are placed by their top-left corner: shift so the card's middle lands in the middle.
    const at = { x: Math.round(centre.x - 85), y: Math.round(centre.y - 30) };
    // Below any card already there (cards are about 170 × 60).
    const taken = (p: { x: number; y: number }) =>
      this.graph().nodes.some((n) => Math.abs(n.position.x - p.x) < 180 && Math.abs(n.position.y - p.y) < 80);
    while (taken(at)) at.y += 90;
    this.addSpec(spec, at);
  }

  onConnect(event: FCreateConnectionEvent): void {
    if (!event.targetId) return;
    const from = parseConnector(event.sourceId);
    const to = parseConnector(event.targetId);
    this.change(connect(this.graph(), { from, to }));
  }

  onMove(event: FMoveNodesEvent): void {
    this.change(
      moveNodes(
        this.graph(),
        event.nodes.map((n) => ({ id: n.id, position: { x: Math.round(n.position.x), y: Math.round(n.position.y) } })),
      ),
    );
  }

  changeConfig(id: string, config: Record<string, unknown>): void {
    this.change(updateConfig(this.graph(), id, config));
  }

  disconnect(edge: GraphEdge): void {
    this.change(removeEdge(this.graph(), edge));
  }

  deleteSelection(): void {
    if (!this.selection().length) return;
    this.change(removeNodes(this.graph(), new Set(this.selection())));
    this.selection.set([]);
  }

  copySelection(): void {
    if (this.selection().length) this.clipboard.set(copy(this.graph(), new Set(this.selection())));
  }

  pasteClipboard(): void {
    const clipboard = this.clipboard();
    if (!clipboard) return;
    const pasted = paste(this.graph(), clipboard);
    this.change(pasted.graph);
    this.selection.set(pasted.ids);
  }

  undo(): void {
    const previous = this.history.undo(this.graph());
    if (previous) this.apply(previous);
  }

  redo(): void {
    const next = this.history.redo(this.graph());
    if (next) this.apply(next);
  }

  @HostListener('document:keydown', ['$event'])
  onKey(event: KeyboardEvent): void {
    const typing = (event.target as HTMLElement | null)?.closest('input, textarea, select');
    if (typing) return;
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === 'z') {
      event.preventDefault();
      if (event.shiftKey) this.redo();
      else this.undo();
    } else if (mod && event.key.toLowerCase() === 'y') {
      event.preventDefault();
      this.redo();
    } else if (mod && event.key.toLowerCase() === 'c') {
      this.copySelection();
    } else if (mod && event.key.toLowerCase() === 'v') {
      this.pasteClipboard();
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      this.deleteSelection();
    } else if (mod && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void this.save();
    }
  }

  @HostListener('window:beforeunload', ['$event'])
  onLeave(event: BeforeUnloadEvent): void {
    if (this.dirty()) event.preventDefault();
  }

  async save(): Promise<boolean> {
    const a = this.automation();
    if (!a) return false;
    return this.run(async () => {
      this.load(await this.api.save(a.id, { name: this.name().trim() || a.name, graph: this.graph() }), false);
      this.notice.set('Saved.');
    });
  }

  async publish(): Promise<void> {
    const a = this.automation();
    if (!a || !(await this.save())) return;
    await this.run(async () => {
      const published = await this.api.publish(a.id);
      this.load(await this.api.get_(a.id), false);
      this.notice.set(`Published version ${published.version}; it runs now.`);
    });
  }

  async toggleEnabled(): Promise<void> {
    const a = this.automation();
    if (!a) return;
    await this.run(async () => {
      this.load(await this.api.setEnabled(a.id, !a.enabled), false);
      this.notice.set(a.enabled ? 'Disabled.' : 'Enabled.');
    });
  }

  /** A restored version is the saved draft now; undo can still bring back what was on the canvas. */
  onRestored(automation: Automation): void {
    this.history.record(this.graph());
    this.load(automation);
    this.canUndo.set(this.history.canUndo);
    this.canRedo.set(this.history.canRedo);
    this.notice.set('Version restored as the draft.');
  }

  private addSpec(spec: NodeTypeSpec, position: { x: number; y: number }): void {
    const added = addNode(this.graph(), spec, position);
    this.change(added.graph);
    this.selection.set([added.id]);
  }

  private change(next: Graph): void {
    if (next === this.graph()) return;
    this.history.record(this.graph());
    this.apply(next);
  }

  private apply(graph: Graph): void {
    this.graph.set(graph);
    this.dirty.set(true);
    this.canUndo.set(this.history.canUndo);
    this.canRedo.set(this.history.canRedo);
    this.cdr.markForCheck();
  }

  private load(automation: Automation, resetHistory = true): void {
    this.automation.set(automation);
    this.name.set(automation.name);
    if (resetHistory) this.graph.set(automation.graph);
    this.dirty.set(false);
    this.cdr.markForCheck();
  }

  /** Runs a request, showing publish errors on the nodes and fields they name. */
  private async run(action: () => Promise<void>): Promise<boolean> {
    this.busy.set(true);
    this.error.set(null);
    this.notice.set(null);
    try {
      await action();
      this.nodeErrors.set({});
      this.generalErrors.set([]);
      this.invalidEdges.set(new Set());
      return true;
    } catch (error) {
      const problem = toProblem(error);
      const byNode: Record<string, Record<string, string>> = {};
      const general: string[] = [];
      const edges = new Set<string>();
      for (const e of problem.errors ?? []) {
        const match = /^graph\.nodes\.([^.[\]]+)(?:\.config\.(\w+))?/.exec(e.field);
        if (match) (byNode[match[1]] ??= {})[match[2] ?? '_node'] = e.message;
        // `graph.edges[3]` (what the backend sends) or `graph.edges.3`: an index into the graph as saved
        // just before the publish, which is the one on the canvas.
        const edge = this.graph().edges[Number(/^graph\.edges(?:\.|\[)(\d+)/.exec(e.field)?.[1] ?? NaN)];
        if (edge) edges.add(edgeKey(edge));
        const where = edge
          ? `From ${edge.from.node} (${edge.from.port}) to ${edge.to.node}: `
          : match
            ? `${match[1]}: `
            : '';
        if (!match?.[2]) general.push(where + e.message);
      }
      this.nodeErrors.set(byNode);
      this.generalErrors.set(general);
      this.invalidEdges.set(edges);
      this.error.set(problem.detail ?? 'That did not work');
      return false;
    } finally {
      this.busy.set(false);
      this.cdr.markForCheck();
    }
  }
}
