import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { Graph } from '../automation.types';

const NODE_W = 200;
const NODE_H = 64;
const PAD = 20;

interface Box {
  id: string;
  x: number;
  y: number;
  label: string;
  full: string;
  category: string;
}

/**
 * A recipe's graph drawn small and read-only: a box per node (its type's label), a line per
 * connection. Static SVG on purpose — the gallery must not depend on the editor's canvas.
 */
@Component({
  selector: 'so-recipe-graph',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <svg
      class="recipe-graph"
      role="img"
      [attr.aria-label]="summary()"
      [attr.viewBox]="view().box"
      preserveAspectRatio="xMidYMid meet"
    >
      @for (line of lines(); track $index) {
        <path class="edge" [attr.d]="line" />
      }
      @for (b of boxes(); track b.id) {
        <g class="node" [attr.data-category]="b.category" [attr.data-node]="b.id">
          <rect [attr.x]="b.x" [attr.y]="b.y" [attr.width]="nodeW" [attr.height]="nodeH" rx="10" />
          <text [attr.x]="b.x + nodeW / 2" [attr.y]="b.y + nodeH / 2 + 8">{{ b.label }}</text>
        </g>
      }
    </svg>
  `,
  styles: `
    :host {
      display: block;
    }
    .recipe-graph {
      width: 100%;
      height: 7rem;
      background: var(--surface-2, #f6f7f9);
      border-radius: 8px;
    }
    .edge {
      fill: none;
      stroke: var(--muted, #7a8291);
      stroke-width: 3;
    }
    rect {
      fill: var(--surface, #fff);
      stroke: var(--border-strong, #9aa3b2);
      stroke-width: 2;
    }
    .node[data-category='trigger'] rect {
      stroke: var(--accent, #3d5afe);
    }
    text {
      font:
        600 18px system-ui,
        sans-serif;
      fill: var(--text, #1d2230);
      text-anchor: middle;
    }
  `,
})
export class RecipeGraphComponent {
  readonly graph = input.required<Graph>();
  /** The label and category of each node type, by type. */
  readonly types = input<Map<string, { label: string; category: string }>>(new Map());
  readonly nodeW = NODE_W;
  readonly nodeH = NODE_H;

  readonly boxes = computed<Box[]>(() =>
    this.graph().nodes.map((n) => {
      const type = this.types().get(n.type);
      return {
        id: n.id,
        x: n.position.x,
        y: n.position.y,
        label: shorten(type?.label ?? n.type),
        full: type?.label ?? n.type,
        category: type?.category ?? '',
      };
    }),
  );

  readonly view = computed(() => {
    const boxes = this.boxes();
    const xs = boxes.map((b) => b.x);
    const ys = boxes.map((b) => b.y);
    const left = Math.min(...xs) - PAD;
    const top = Math.min(...ys) - PAD;
    const width = Math.max(...xs) + NODE_W + PAD - left;
    const height = Math.max(...ys) + NODE_H + PAD - top;
    return { box: `${left} ${top} ${width} ${height}` };
  });

  /** Each connection from the right edge of its source to the left edge of its target. */
  readonly lines = computed(() => {
    const at = new Map(this.boxes().map((b) => [b.id, b]));
    return this.graph().edges.flatMap((e) => {
      const from = at.get(e.from.node);
      const to = at.get(e.to.node);
      if (!from || !to) return [];
      const x1 = from.x + NODE_W;
      const y1 = from.y + NODE_H / 2;
      const x2 = to.x;
      const y2 = to.y + NODE_H / 2;
      const bend = Math.max(40, Math.abs(x2 - x1) / 2);
      return [`M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`];
    });
  });

  /** The steps in words, for screen readers and the search: "Inbound webhook → Create draft". */
  readonly summary = computed(
    () =>
      'Steps: ' +
      this.boxes()
        .map((b) => b.full)
        .join(' → '),
  );
}

const shorten = (label: string) => (label.length > 16 ? `${label.slice(0, 15)}…` : label);
