import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { IconComponent } from '../../shared/icon.component';
import type { NodeTypeSpec } from '../automation.types';
import { iconOf } from './node-visuals';

/**
 * The searchable list the "+" on an output port opens: the steps that can follow (every node
 * that takes an input). Enter takes the first step named like the search (else the first match), Escape closes.
 */
@Component({
  selector: 'so-node-picker',
  imports: [IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'dialog', 'aria-label': 'Add the next step', '(keydown.escape)': 'closed.emit()' },
  styles: [
    `
      :host {
        position: absolute;
        z-index: 20;
        width: 280px;
        max-height: 360px;
        display: flex;
        flex-direction: column;
        background: #fff;
        border: 1px solid #b8bdd0;
        border-radius: 10px;
        box-shadow: 0 8px 24px rgb(16 24 40 / 18%);
        padding: 8px;
      }
      input {
        width: 100%;
        margin-bottom: 6px;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        overflow: auto;
      }
      h4 {
        margin: 6px 4px 2px;
        font-size: 12px;
        color: #667085;
        text-transform: uppercase;
      }
      button {
        display: flex;
        gap: 8px;
        align-items: center;
        width: 100%;
        text-align: left;
        border: 0;
        background: none;
        padding: 6px;
        border-radius: 6px;
        font-size: 14px;
      }
      button:hover,
      button:focus-visible {
        background: #eef0ff;
      }
    `,
  ],
  template: `
    <label class="visually-hidden" for="node-picker-search">Search steps</label>
    <input
      id="node-picker-search"
      type="search"
      placeholder="Search steps…"
      #search
      [value]="term()"
      (input)="term.set($any($event.target).value)"
      (keydown.enter)="$event.preventDefault(); pickFirst()"
    />
    <ul>
      @for (group of groups(); track group.title) {
        <li>
          <h4>{{ group.title }}</h4>
          <ul>
            @for (spec of group.items; track spec.type) {
              <li>
                <button type="button" [title]="spec.description" (click)="picked.emit(spec)">
                  <so-icon [name]="icon(spec.type)" [size]="16" />{{ spec.label }}
                </button>
              </li>
            }
          </ul>
        </li>
      } @empty {
        <li class="muted small">No step matches.</li>
      }
    </ul>
  `,
})
export class NodePickerComponent {
  readonly specs = input.required<NodeTypeSpec[]>();
  readonly picked = output<NodeTypeSpec>();
  readonly closed = output<void>();

  readonly term = signal('');
  private readonly search = viewChild.required<ElementRef<HTMLInputElement>>('search');
  readonly icon = iconOf;

  readonly matches = computed(() => {
    const term = this.term().trim().toLowerCase();
    return this.specs().filter(
      (s) =>
        s.inputs.length > 0 &&
        (!term || s.label.toLowerCase().includes(term) || s.description.toLowerCase().includes(term)),
    );
  });
  readonly groups = computed(() =>
    [
      { title: 'Logic', items: this.matches().filter((s) => s.category === 'logic') },
      { title: 'Actions', items: this.matches().filter((s) => s.category === 'action') },
    ].filter((g) => g.items.length),
  );

  constructor() {
    afterNextRender(() => this.search().nativeElement.focus());
  }

  /** Enter takes the first step named like the search, else the first whose description matches. */
  pickFirst(): void {
    const items = this.groups().flatMap((g) => g.items);
    const term = this.term().trim().toLowerCase();
    const first = items.find((s) => s.label.toLowerCase().includes(term)) ?? items[0];
    if (first) this.picked.emit(first);
  }
}
