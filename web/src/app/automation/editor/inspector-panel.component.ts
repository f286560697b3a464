import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type {
  Automation,
  ErrorHandler,
  Graph,
  GraphEdge,
  GraphNode,
  NodeErrorPolicy,
  NodeTypeSpec,
} from '../automation.types';
import { FeedStatusComponent } from '../feed-status.component';
import { FieldFormComponent } from '../field-form.component';
import { edgeKey } from '../graph-editing';
import { TestRunComponent } from '../test-run.component';
import { VersionsPanelComponent } from '../versions-panel.component';
import { connectionText } from './node-visuals';
import { SamplePanelComponent } from '../data-picker/sample-panel.component';
import { ErrorHandlerSectionComponent } from './error-handler-section.component';
import { OnErrorSectionComponent } from './on-error-section.component';

/**
 * The settings panel: the selected node's name, form, what it does on error, connections (named by
 * label), trigger test and feed status; with nothing selected, how to build, the feeds, the
 * automation's error handler and the versions (compared with the draft before a restore).
 */
@Component({
  selector: 'so-inspector-panel',
  imports: [
    FieldFormComponent,
    FeedStatusComponent,
    TestRunComponent,
    VersionsPanelComponent,
    RouterLink,
    SamplePanelComponent,
    OnErrorSectionComponent,
    ErrorHandlerSectionComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    `
      :host {
        display: block;
      }
      .name {
        width: 100%;
        font-weight: 600;
      }
    `,
  ],
  template: `
    @if (node(); as node) {
      <h2>{{ spec()?.label ?? node.type }}</h2>
      <label for="node-name">Step name</label>
      <input
        id="node-name"
        class="name"
        [value]="node.label ?? ''"
        [placeholder]="spec()?.label ?? ''"
        (change)="renamed.emit($any($event.target).value.trim())"
      />
      <p class="muted small">{{ spec()?.description }}</p>
      @if (errors()['_node']; as message) {
        <p class="field-error" role="alert">{{ message }}</p>
      }
      <so-field-form
        [fields]="spec()?.config ?? []"
        [values]="node.config"
        [errors]="errors()"
        [accounts]="accounts()"
        [customRoles]="customRoles()"
        [prefix]="'node-' + node.id"
        [dataContext]="{ graph: graph(), automation: automation(), nodeId: node.id }"
        (changed)="configChanged.emit($event)"
      />
      @if (spec()?.category !== 'trigger') {
        <so-on-error-section [node]="node" [errors]="errors()" (changed)="onErrorChanged.emit($event)" />
      }
      <h3>Connections</h3>
      @for (edge of edges(); track key(edge)) {
        <p class="small">
          {{ describe(edge) }}
          <button type="button" class="link" (click)="disconnected.emit(edge)">Remove</button>
        </p>
      } @empty {
        <p class="muted small">Drag from an output dot to another step's input dot, or press + on an output.</p>
      }
      @if (spec()?.category === 'trigger') {
        <so-sample-panel [automation]="automation()" [node]="node" />
        <so-test-run
          [automationId]="automation().id"
          [nodeId]="node.id"
          [published]="automation().publishedVersion !== null"
        />
      }
      @if (node.type === 'rss-in') {
        <so-feed-status [nodeIds]="[node.id]" [feeds]="automation().feeds" />
      }
    } @else {
      @if (feedNodeIds().length) {
        <so-feed-status [nodeIds]="feedNodeIds()" [feeds]="automation().feeds" />
      }
      <h2>Build your automation</h2>
      <p class="muted">
        Drag a trigger from the steps panel onto the canvas, then press + on its output to add the next step. Select a
        step to set it up; press ? for shortcuts. Or start from a
        <a routerLink="../templates">template</a>.
      </p>
      <so-error-handler-section
        [handler]="graph().errorHandler"
        [automationId]="automation().id"
        [customRoles]="customRoles()"
        (changed)="errorHandlerChanged.emit($event)"
      />
      <so-versions-panel
        [automationId]="automation().id"
        [publishedVersion]="automation().publishedVersion"
        [saveFirst]="saveFirst()"
        (restored)="restored.emit($event)"
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
  `,
})
export class InspectorPanelComponent {
  readonly automation = input.required<Automation>();
  readonly graph = input.required<Graph>();
  readonly specs = input.required<NodeTypeSpec[]>();
  readonly node = input<GraphNode | null>(null);
  /** The selected node's publish errors by field (`_node`: about the node itself). */
  readonly errors = input<Record<string, string>>({});
  readonly generalErrors = input<string[]>([]);
  readonly accounts = input<{ id: string; name: string }[]>([]);
  readonly customRoles = input<{ id: string; name: string }[]>([]);

  readonly configChanged = output<Record<string, unknown>>();
  readonly renamed = output<string>();
  readonly disconnected = output<GraphEdge>();
  readonly restored = output<Automation>();
  readonly onErrorChanged = output<NodeErrorPolicy>();
  readonly errorHandlerChanged = output<ErrorHandler | null>();
  /** Saves the canvas before a version is compared with the draft. */
  readonly saveFirst = input<() => Promise<boolean>>(() => Promise.resolve(true));

  readonly key = edgeKey;
  readonly spec = computed(() => {
    const node = this.node();
    return node ? this.specs().find((s) => s.type === node.type) : undefined;
  });
  readonly edges = computed(() => {
    const id = this.node()?.id;
    return this.graph().edges.filter((e) => e.from.node === id || e.to.node === id);
  });
  /** The feed triggers on the canvas, whose last checks the feed status shows. */
  readonly feedNodeIds = computed(() => this.graph().nodes.flatMap((n) => (n.type === 'rss-in' ? [n.id] : [])));

  describe(edge: GraphEdge): string {
    return connectionText(this.graph(), this.specs(), edge);
  }
}
