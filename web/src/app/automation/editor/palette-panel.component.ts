import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { FFlowModule } from '@foblex/flow';
import { IconComponent } from '../../shared/icon.component';
import type { NodeTypeSpec } from '../automation.types';
import { iconOf } from './node-visuals';

const CATEGORIES = [
  ['trigger', 'Triggers'],
  ['logic', 'Logic'],
  ['action', 'Actions'],
] as const;

/**
 * The steps panel: node types grouped into triggers, logic and actions, searchable. Drag one onto
 * the canvas, or press Enter on it to add it in the middle of the view.
 */
@Component({
  selector: 'so-palette-panel',
  imports: [FFlowModule, IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    `
      :host {
        display: block;
      }
      h3 {
        font-size: 12px;
        text-transform: uppercase;
        color: #667085;
        margin: 12px 0 4px;
      }
      input {
        width: 100%;
      }
      .palette-item {
        display: flex;
        align-items: center;
        justify-content: flex-start;
        gap: 8px;
        width: 100%;
        text-align: left;
        margin: 4px 0;
        padding: 6px 8px;
        border: 1px solid #d0d5e2;
        border-radius: 6px;
        background: #f7f8fc;
        cursor: grab;
        font-size: 14px;
      }
    `,
  ],
  template: `
    <label for="palette-search">Search steps</label>
    <input id="palette-search" type="search" [value]="search()" (input)="search.set($any($event.target).value)" />
    @for (group of groups(); track group.category) {
      <h3>{{ group.title }}</h3>
      @for (spec of group.items; track spec.type) {
        <button
          type="button"
          class="palette-item"
          fExternalItem
          [fData]="spec.type"
          [attr.data-testid]="'palette-' + spec.type"
          [title]="spec.description"
          (keydown.enter)="$event.preventDefault(); chosen.emit(spec)"
        >
          <so-icon [name]="icon(spec.type)" />{{ spec.label }}
        </button>
      }
    }
  `,
})
export class PalettePanelComponent {
  readonly specs = input.required<NodeTypeSpec[]>();
  /** Enter on an item: add it in the middle of the view. */
  readonly chosen = output<NodeTypeSpec>();

  readonly search = signal('');
  readonly icon = iconOf;
  readonly groups = computed(() => {
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
}
