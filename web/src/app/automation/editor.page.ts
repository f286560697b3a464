import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  computed,
  DestroyRef,
  HostListener,
  inject,
  OnInit,
  signal,
  viewChild,
} from '@angular/core';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { toProblem } from '../core/form-errors';
import { BannerComponent } from '../shared/banner.component';
import { IconComponent } from '../shared/icon.component';
import { AccountsStore } from '../accounts/accounts.store';
import { TeamApi } from '../members/team.api';
import { ShellLayoutService } from '../shell/shell-layout.service';
import { AutomationsApi } from './automations.api';
import type { Automation, Graph, GraphEdge, NodeErrorPolicy, NodeTypeSpec } from './automation.types';
import { WebhookPanelComponent } from './webhook-panel.component';
import { EditorCanvasComponent, type Position } from './editor/canvas.component';
import { describeProblems } from './editor/editor-errors';
import { autoLayout, type Size } from './editor/graph-layout';
import { InspectorPanelComponent } from './editor/inspector-panel.component';
import { PalettePanelComponent } from './editor/palette-panel.component';
import { ResizeHandleComponent } from './editor/resize-handle.component';
import type { RunOverlay } from './editor/run-overlay';
import { ShortcutsOverlayComponent } from './editor/shortcuts-overlay.component';
import { CanvasRun } from './run-view/canvas-run.service';
import { RunPanelComponent } from './run-view/run-panel.component';
import {
  addNode,
  addNodeAfter,
  addNote,
  clipboardText,
  connect,
  copy,
  editNote,
  GraphHistory,
  moveNodes,
  parseClipboard,
  paste,
  removeEdge,
  removeNodes,
  renameNode,
  setErrorHandler,
  setErrorPolicy,
  updateConfig,
} from './graph-editing';

/** Copied steps, kept for pasting into another automation when the system clipboard is not readable. */
const CLIPBOARD_KEY = 'so.automation.clipboard';

/**
 * The automation editor: a full-screen canvas (the side navigation shrinks) between a steps panel
 * and a settings panel that open, close and resize. It holds the graph and its undo history; the
 * canvas, panels and overlays only report gestures (README in ./editor lists the scenarios).
 */
@Component({
  selector: 'so-automation-editor',
  imports: [
    BannerComponent,
    IconComponent,
    RouterLink,
    WebhookPanelComponent,
    EditorCanvasComponent,
    PalettePanelComponent,
    InspectorPanelComponent,
    ResizeHandleComponent,
    ShortcutsOverlayComponent,
    RunPanelComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    `
      :host {
        display: flex;
        flex-direction: column;
        height: calc(100vh - 58px - 1rem);
        min-height: 480px;
      }
      .editor {
        flex: 1;
        min-height: 0;
        display: flex;
        border: 1px solid var(--border, #ddd);
        border-radius: 8px;
        overflow: hidden;
        background: var(--surface, #fff);
      }
      .panel {
        flex: none;
        overflow: auto;
        padding: 8px 10px;
        background: var(--surface, #fff);
      }
      .palette {
        border-right: 1px solid var(--border, #ddd);
      }
      .inspector {
        border-left: 1px solid var(--border, #ddd);
      }
      so-editor-canvas {
        flex: 1;
        min-width: 0;
      }
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        align-items: center;
        margin-bottom: 6px;
      }
      .toolbar input {
        width: auto;
        flex: 0 1 300px;
        min-width: 180px;
        padding: 0.35rem 0.6rem;
      }
      .toolbar button,
      .toolbar .button {
        padding: 0.35rem 0.6rem;
        gap: 4px;
      }
      .sep {
        width: 1px;
        align-self: stretch;
        background: var(--border, #ddd);
        margin: 0 2px;
      }
    `,
  ],
  template: `
    @if (automation(); as a) {
      <div class="toolbar" role="toolbar" aria-label="Automation">
        <button
          type="button"
          (click)="paletteOpen.set(!paletteOpen())"
          [attr.aria-pressed]="paletteOpen()"
          title="Steps panel ([)"
        >
          <so-icon name="panel-left" />Steps
        </button>
        <label class="visually-hidden" for="automation-name">Name</label>
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
        <span class="sep"></span>
        <button type="button" (click)="undo()" [disabled]="!canUndo()" title="Ctrl+Z" aria-label="Undo">
          <so-icon name="undo" />
        </button>
        <button type="button" (click)="redo()" [disabled]="!canRedo()" title="Ctrl+Shift+Z" aria-label="Redo">
          <so-icon name="redo" />
        </button>
        <button type="button" (click)="copySelection()" [disabled]="!selection().length" title="Ctrl+C">Copy</button>
        <button type="button" (click)="pasteClipboard()" title="Ctrl+V">Paste</button>
        <button type="button" (click)="deleteSelection()" [disabled]="!selection().length" title="Delete">
          Delete
        </button>
        <button type="button" (click)="tidy()" [disabled]="!graph().nodes.length" title="Tidy up (L)">
          <so-icon name="layout" />Tidy up
        </button>
        <button type="button" (click)="addStickyNote()" title="Sticky note (N)">
          <so-icon name="sticky-note" />Note
        </button>
        @if (hasWebhook()) {
          <button type="button" (click)="showHooks.set(!showHooks())" [attr.aria-expanded]="showHooks()">
            Webhook URL
          </button>
        }
        <a routerLink="runs">Runs</a>
        <span class="sep"></span>
        <button type="button" (click)="showVersions()" title="Versions, error handler and how to build">
          Versions
        </button>
        <button type="button" (click)="exportFile()" [disabled]="busy()" title="Download the automation as a JSON file">
          Export
        </button>
        <button type="button" (click)="duplicate()" [disabled]="busy()" title="A copy as a new draft">Duplicate</button>
        <button type="button" (click)="helpOpen.set(true)" aria-label="Keyboard shortcuts" title="Shortcuts (?)">
          <so-icon name="help" />
        </button>
        <button
          type="button"
          (click)="inspectorPinned.set(!inspectorOpen())"
          [attr.aria-pressed]="inspectorOpen()"
          title="Settings panel (])"
        >
          <so-icon name="panel-right" />Settings
        </button>
      </div>
      <so-banner [message]="error()" />
      <so-banner kind="success" [message]="notice()" />
      @if (showHooks()) {
        <so-webhook-panel [automationId]="a.id" (closed)="showHooks.set(false)" />
      }
      <div class="editor">
        @if (paletteOpen()) {
          <aside class="panel palette" aria-label="Steps" [style.width.px]="paletteWidth()">
            <so-palette-panel [specs]="specs()" (chosen)="addAtCentre($event)" />
          </aside>
          <so-resize-handle label="Steps panel width" side="left" [min]="160" [max]="420" [(width)]="paletteWidth" />
        }
        <so-editor-canvas
          [graph]="graph()"
          [specs]="specs()"
          [selection]="selection()"
          [invalidNodes]="invalidNodes()"
          [invalidEdges]="invalidEdges()"
          [runOverlay]="canvasRun.overlay() ?? runOverlay()"
          (nodeSelected)="select($event.id, $event.add)"
          (selectionChange)="onSelection($event)"
          (nodeDropped)="onDrop($event.type, $event.position)"
          (connected)="change(connect(graph(), $event))"
          (moved)="change(moveNodes(graph(), $event))"
          (renamed)="change(renameNode(graph(), $event.id, $event.label))"
          (addAfter)="onAddAfter($event.from, $event.type)"
          (noteEdited)="change(editNote(graph(), $event.id, $event.text))"
        />
        <so-run-panel [graph]="graph()" />
        @if (inspectorOpen()) {
          <so-resize-handle
            label="Settings panel width"
            side="right"
            [min]="260"
            [max]="640"
            [(width)]="inspectorWidth"
          />
          <aside class="panel inspector" aria-label="Node settings" [style.width.px]="inspectorWidth()">
            <so-inspector-panel
              [automation]="a"
              [graph]="graph()"
              [specs]="specs()"
              [node]="selectedNode()"
              [errors]="selectedErrors()"
              [generalErrors]="generalErrors()"
              [accounts]="accounts()"
              [customRoles]="customRoles()"
              (configChanged)="changeConfig($event)"
              (renamed)="renameSelected($event)"
              (disconnected)="disconnect($event)"
              (restored)="onRestored($event)"
              (onErrorChanged)="changeOnError($event)"
              (errorHandlerChanged)="change(setErrorHandler(graph(), $event))"
              [saveFirst]="saveIfChanged"
            />
          </aside>
        }
      </div>
      @if (helpOpen()) {
        <so-shortcuts-overlay (closed)="helpOpen.set(false)" />
      }
    } @else {
      <so-banner [message]="error()" />
      <p class="muted">Loading…</p>
    }
  `,
})
export class EditorPage implements OnInit {
  private readonly api = inject(AutomationsApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly cdr = inject(ChangeDetectorRef);
  private readonly accountsStore = inject(AccountsStore);
  private readonly team = inject(TeamApi);
  private readonly history = new GraphHistory();
  private readonly canvas = viewChild(EditorCanvasComponent);

  readonly automation = signal<Automation | null>(null);
  readonly graph = signal<Graph>({ nodes: [], edges: [] });
  readonly name = signal('');
  readonly specs = signal<NodeTypeSpec[]>([]);
  readonly selection = signal<string[]>([]);
  readonly clipboard = signal<Graph | null>(null);
  readonly dirty = signal(false);
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);
  readonly notice = signal<string | null>(null);
  readonly showHooks = signal(false);
  readonly helpOpen = signal(false);
  /** Publish errors: per node and field, and those that name no node. */
  readonly nodeErrors = signal<Partial<Record<string, Record<string, string>>>>({});
  readonly generalErrors = signal<string[]>([]);
  /** Keys of the connections a publish error names (`graph.edges.<index>`). */
  readonly invalidEdges = signal<ReadonlySet<string>>(new Set());
  readonly canUndo = signal(false);
  readonly canRedo = signal(false);
  /** A run drawn on the canvas (set by the test-run and run views). */
  readonly runOverlay = signal<RunOverlay | null>(null);
  /** A test of the draft or a past run (`?run=`) drawn on the canvas, with the clicked step's input and output. */
  readonly canvasRun = inject(CanvasRun);

  readonly paletteOpen = signal(true);
  readonly paletteWidth = signal(220);
  readonly inspectorWidth = signal(360);
  /** null: the settings panel opens by itself with a selection or errors; true/false: the person chose. */
  readonly inspectorPinned = signal<boolean | null>(null);
  readonly inspectorOpen = computed(
    () => this.inspectorPinned() ?? (this.selection().length > 0 || this.generalErrors().length > 0),
  );

  readonly accounts = computed(() => (this.accountsStore.accounts() ?? []).map((a) => ({ id: a.id, name: a.name })));
  /** For a notify node's roles; empty when the member may not list roles (the built-in ones are still offered). */
  readonly customRoles = signal<{ id: string; name: string }[]>([]);
  readonly invalidNodes = computed(() => new Set(Object.keys(this.nodeErrors())));
  readonly selectedNode = computed(() => {
    const [id] = this.selection();
    return this.graph().nodes.find((n) => n.id === id) ?? null;
  });
  readonly selectedErrors = computed(() => this.nodeErrors()[this.selectedNode()?.id ?? ''] ?? {});
  readonly hasWebhook = computed(() => this.graph().nodes.some((n) => n.type === 'webhook-in'));

  // Graph operations the template applies (each an undo step through `change`).
  readonly connect = connect;
  readonly moveNodes = moveNodes;
  readonly renameNode = renameNode;
  readonly editNote = editNote;
  readonly setErrorHandler = setErrorHandler;
  /** Saves the canvas when it has changes (before a comparison with a version). */
  readonly saveIfChanged = (): Promise<boolean> => (this.dirty() ? this.save() : Promise.resolve(true));

  constructor() {
    const layout = inject(ShellLayoutService);
    layout.useFullScreen(true);
    inject(DestroyRef).onDestroy(() => layout.useFullScreen(false));
  }

  async ngOnInit(): Promise<void> {
    try {
      const id = this.route.snapshot.paramMap.get('automationId')!;
      const [automation, specs] = await Promise.all([this.api.get_(id), this.api.nodeTypes()]);
      this.specs.set(specs);
      this.load(automation);
      this.canvasRun.beforeTest = () => this.save();
      const run = this.route.snapshot.queryParamMap.get('run');
      if (run) void this.canvasRun.open(run);
      else this.canvasRun.clear();
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

  /** Shows a run on the canvas (null clears it). */
  showRun(overlay: RunOverlay | null): void {
    this.runOverlay.set(overlay);
  }

  /** A click on a step; with Shift (or Ctrl/Cmd) it joins the selection (Foblex may have added it already). */
  select(id: string, add = false): void {
    const current = this.selection();
    this.selection.set(add ? [...new Set([...current, id])] : [id]);
    this.canvasRun.selectNode(id);
  }

  onSelection(ids: string[]): void {
    this.selection.set(ids);
    this.cdr.markForCheck();
  }

  showVersions(): void {
    this.selection.set([]);
    this.inspectorPinned.set(true);
  }

  onDrop(type: string, position: Position): void {
    const spec = this.specs().find((s) => s.type === type);
    if (spec) this.addSpec(spec, position);
  }

  /** Keyboard: Enter on a palette item adds it in the middle of what the canvas shows. */
  addAtCentre(spec: NodeTypeSpec): void {
    // The new step is selected, which opens the settings panel: centre it in what stays visible.
    const centre = this.canvas()?.centre(this.inspectorOpen() ? 0 : this.inspectorWidth() + 8);
    if (!centre) {
      const last = this.graph().nodes.at(-1);
      this.addSpec(spec, last ? { x: last.position.x + 300, y: last.position.y } : { x: 40, y: 40 });
      return;
    }
    // Nodes are placed by their top-left corner: shift so the card's middle lands in the middle.
    const at = { x: Math.round(centre.x - 130), y: Math.round(centre.y - 50) };
    // Below any card already there (cards are about 260 × 110).
    const taken = (p: Position) =>
      this.graph().nodes.some((n) => Math.abs(n.position.x - p.x) < 270 && Math.abs(n.position.y - p.y) < 120);
    while (taken(at)) at.y += 120;
    this.addSpec(spec, at);
  }

  onAddAfter(from: { node: string; port: string }, type: string): void {
    const spec = this.specs().find((s) => s.type === type);
    if (!spec) return;
    const added = addNodeAfter(this.graph(), from, spec, this.specs());
    this.change(added.graph);
    this.selection.set([added.id]);
  }

  addStickyNote(): void {
    const centre = this.canvas()?.centre() ?? { x: 40, y: 40 };
    const added = addNote(this.graph(), { x: Math.round(centre.x - 110), y: Math.round(centre.y - 50) });
    this.change(added.graph);
    this.selection.set([added.id]);
  }

  /** Auto-layout with the cards' measured sizes (a renamed card may be taller). */
  tidy(): void {
    const sizes = new Map<string, Size>();
    for (const node of this.graph().nodes) {
      const card = document.querySelector<HTMLElement>(`[data-testid="node-${CSS.escape(node.id)}"]`);
      if (card) sizes.set(node.id, { width: card.offsetWidth, height: card.offsetHeight });
    }
    this.change(autoLayout(this.graph(), sizes));
    setTimeout(() => this.canvas()?.fit());
  }

  changeConfig(config: Record<string, unknown>): void {
    const node = this.selectedNode();
    if (node) this.change(updateConfig(this.graph(), node.id, config));
  }

  changeOnError(policy: NodeErrorPolicy): void {
    const node = this.selectedNode();
    if (node) this.change(setErrorPolicy(this.graph(), node.id, policy));
  }

  /** Downloads the saved draft as a file (saving the canvas first). */
  async exportFile(): Promise<void> {
    const a = this.automation();
    if (!a || !(await this.saveIfChanged())) return;
    await this.run(async () => {
      const file = await this.api.exportFile(a.id);
      const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `${fileName(file.name)}.automation.json`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      this.notice.set(`Exported “${file.name}”.`);
    });
  }

  /** A copy of the saved draft as a new automation, opened in the editor. */
  async duplicate(): Promise<void> {
    const a = this.automation();
    if (!a || !(await this.saveIfChanged())) return;
    await this.run(async () => {
      const copy = await this.api.duplicate(a.id);
      await this.router.navigate(['..', copy.id], { relativeTo: this.route });
      this.canvasRun.clear();
      this.load(copy);
      this.notice.set(`Duplicated as “${copy.name}”, a draft.`);
    });
  }

  renameSelected(label: string): void {
    const node = this.selectedNode();
    if (node) this.change(renameNode(this.graph(), node.id, label));
  }

  disconnect(edge: GraphEdge): void {
    this.change(removeEdge(this.graph(), edge));
  }

  deleteSelection(): void {
    if (!this.selection().length) return;
    this.change(removeNodes(this.graph(), new Set(this.selection())));
    this.selection.set([]);
  }

  /** Copies the selection here and for other automations (this browser's storage; the system clipboard on Ctrl+C). */
  copySelection(): Graph | null {
    if (!this.selection().length) return null;
    const copied = copy(this.graph(), new Set(this.selection()));
    this.clipboard.set(copied);
    localStorage.setItem(CLIPBOARD_KEY, clipboardText(copied));
    this.notice.set(`Copied ${copied.nodes.length + (copied.notes?.length ?? 0)} item(s).`);
    return copied;
  }

  pasteClipboard(from?: Graph | null): void {
    const clipboard = from ?? parseClipboard(localStorage.getItem(CLIPBOARD_KEY) ?? '') ?? this.clipboard();
    if (!clipboard) return;
    const pasted = paste(this.graph(), clipboard, this.specs());
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

  @HostListener('document:copy', ['$event'])
  onCopy(event: ClipboardEvent): void {
    if (isTyping(event) || !this.selection().length) return;
    const copied = this.copySelection();
    if (copied && event.clipboardData) {
      event.clipboardData.setData('text/plain', clipboardText(copied));
      event.preventDefault();
    }
    this.cdr.markForCheck();
  }

  @HostListener('document:paste', ['$event'])
  onPaste(event: ClipboardEvent): void {
    if (isTyping(event)) return;
    event.preventDefault();
    this.pasteHandled = true;
    this.pasteClipboard(parseClipboard(event.clipboardData?.getData('text/plain') ?? ''));
  }

  /** Set by a paste event; Ctrl+V pastes from storage itself when the browser sends none. */
  private pasteHandled = false;

  private pasteByKey(): void {
    this.pasteHandled = false;
    setTimeout(() => {
      if (!this.pasteHandled) this.pasteClipboard();
    });
  }

  @HostListener('document:keydown', ['$event'])
  onKey(event: KeyboardEvent): void {
    if (isTyping(event)) return;
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    const action = mod ? this.modShortcut(key, event.shiftKey) : this.plainShortcut(event.key);
    if (!action) return;
    // Ctrl+C / Ctrl+V go on to the browser's copy and paste events (the system clipboard).
    if (!(mod && (key === 'c' || key === 'v'))) event.preventDefault();
    action();
  }

  private modShortcut(key: string, shift: boolean): (() => void) | null {
    switch (key) {
      case 'z':
        return shift ? () => this.redo() : () => this.undo();
      case 'y':
        return () => this.redo();
      case 's':
        return () => void this.save();
      case 'c':
        return () => this.copySelection(); // the copy event that follows also fills the system clipboard
      case 'v':
        return () => this.pasteByKey();
      case 'a':
        return () => this.selection.set([...this.graph().nodes, ...(this.graph().notes ?? [])].map((n) => n.id));
      case 'd':
        return () => {
          const copied = copy(this.graph(), new Set(this.selection()));
          if (copied.nodes.length || copied.notes?.length) this.pasteClipboard(copied);
        };
      default:
        return null;
    }
  }

  private plainShortcut(key: string): (() => void) | null {
    const canvas = this.canvas();
    const shortcuts: Record<string, () => void> = {
      '?': () => this.helpOpen.set(!this.helpOpen()),
      Delete: () => this.deleteSelection(),
      Backspace: () => this.deleteSelection(),
      Escape: () => (this.helpOpen() ? this.helpOpen.set(false) : this.selection.set([])),
      F2: () => this.renameFocus(),
      l: () => this.tidy(),
      n: () => this.addStickyNote(),
      f: () => canvas?.fit(),
      '+': () => canvas?.zoomIn(),
      '=': () => canvas?.zoomIn(),
      '-': () => canvas?.zoomOut(),
      m: () => canvas?.minimap.set(!canvas.minimap()),
      '[': () => this.paletteOpen.set(!this.paletteOpen()),
      ']': () => this.inspectorPinned.set(!this.inspectorOpen()),
    };
    return shortcuts[key] ?? null;
  }

  /** F2: the selected step's name in the settings panel. */
  private renameFocus(): void {
    if (!this.selectedNode()) return;
    this.inspectorPinned.set(true);
    setTimeout(() => document.getElementById('node-name')?.focus());
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

  private addSpec(spec: NodeTypeSpec, position: Position): void {
    const added = addNode(this.graph(), spec, position, this.specs());
    this.change(added.graph);
    this.selection.set([added.id]);
  }

  change(next: Graph): void {
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
      const described = describeProblems(problem.errors ?? [], this.graph(), this.specs());
      this.nodeErrors.set(described.byNode);
      this.generalErrors.set(described.general);
      this.invalidEdges.set(described.edges);
      this.error.set(problem.detail ?? 'That did not work');
      return false;
    } finally {
      this.busy.set(false);
      this.cdr.markForCheck();
    }
  }
}

/** A file name from an automation's name: letters, digits and dashes. */
function fileName(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'automation'
  );
}

/** Shortcuts and clipboard events stay with the text box being typed in. */
function isTyping(event: Event): boolean {
  return !!(event.target as HTMLElement | null)?.closest?.('input, textarea, select, [contenteditable="true"]');
}
