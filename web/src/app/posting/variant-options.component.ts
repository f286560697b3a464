import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  Injector,
  input,
  model,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { MediaItem, RuleViolation } from '../core/api.types';
import { IconComponent } from '../shared/icon.component';
import { durationText, NetworkRules, POST_TYPE_LABELS } from './network-rules';
import { NetworkOptionFieldsComponent } from './network-option-fields.component';
import { orderedMedia, VariantChoice } from './variant-choice';

/**
 * One account's post type, as a segmented choice of only what its network takes, and the fields
 * that type needs: a poll's choices and length, a title, the carousel's order, a first comment.
 * Problems the server found on a field are shown under it.
 */
@Component({
  selector: 'so-variant-options',
  imports: [FormsModule, IconComponent, NetworkOptionFieldsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (rules(); as r) {
      <div class="field-label" [id]="id('type-label')">Post type on {{ r.label }}</div>
      <div class="segmented-choice" role="radiogroup" [attr.aria-labelledby]="id('type-label')">
        @for (t of r.postTypes; track t.type) {
          <label [class.on]="type() === t.type"
            ><input
              type="radio"
              [name]="id('type')"
              [value]="t.type"
              [checked]="type() === t.type"
              (change)="set({ postType: t.type })"
            />{{ typeLabel(t.type) }}</label
          >
        }
      </div>
      @if (!choice().postType && type()) {
        <p class="hint">Chosen from what is attached; pick another to change it.</p>
      }

      @if (rule()?.poll; as poll) {
        <fieldset class="poll">
          <legend>Poll choices ({{ poll.options.min }}–{{ poll.options.max }})</legend>
          @for (option of choice().pollOptions; track $index; let i = $index) {
            <div class="row">
              <input
                [id]="id('choice-' + i)"
                [attr.aria-label]="'Choice ' + (i + 1)"
                [maxlength]="poll.maxOptionLength"
                [ngModel]="option"
                (ngModelChange)="setChoice(i, $event)"
                [attr.aria-invalid]="!!problem('options.pollOptions[' + i + ']')"
              />
              @if (choice().pollOptions.length > poll.options.min) {
                <button
                  type="button"
                  class="small ghost"
                  (click)="removeChoice(i)"
                  [attr.aria-label]="'Remove choice ' + (i + 1)"
                >
                  <so-icon name="x" />
                </button>
              }
            </div>
            @if (problem('options.pollOptions[' + i + ']'); as p) {
              <p class="field-error">Choice {{ i + 1 }} {{ p }}</p>
            }
          }
          @if (choice().pollOptions.length < poll.options.max) {
            <button type="button" class="small" (click)="addChoice()"><so-icon name="plus" /> Add a choice</button>
          }
          @if (problem('options.pollOptions'); as p) {
            <p class="field-error">Poll choices {{ p }}</p>
          }
          <label [for]="id('length')">Poll length</label>
          <select
            [id]="id('length')"
            [ngModel]="choice().pollDurationMinutes"
            (ngModelChange)="set({ pollDurationMinutes: $event === null ? null : +$event })"
          >
            <option [ngValue]="null" disabled>Choose how long it stays open</option>
            @for (m of poll.durationChoices; track m) {
              <option [ngValue]="m">{{ durationText(m) }}</option>
            }
          </select>
          @if (problem('options.pollDurationMinutes'); as p) {
            <p class="field-error">Poll length {{ p }}</p>
          }
        </fieldset>
      }

      @if (rule()?.title; as title) {
        <label [for]="id('title')">{{ title.label }}{{ title.required ? '' : ' (optional)' }}</label>
        <input
          [id]="id('title')"
          [maxlength]="title.maxLength"
          [ngModel]="choice().title"
          (ngModelChange)="set({ title: $event })"
        />
        @if (problem('options.title'); as p) {
          <p class="field-error">{{ title.label }} {{ p }}</p>
        }
      }

      @if (type() === 'carousel' && sorted().length > 1) {
        <div class="field-label" [id]="id('order-label')">Carousel order</div>
        <ol class="order" [attr.aria-labelledby]="id('order-label')">
          @for (m of sorted(); track m.id; let i = $index, last = $last) {
            <li>
              <img [src]="m.thumbnailUrl ?? m.url" alt="" />
              <span class="name">{{ i + 1 }}. {{ m.fileName }}</span>
              <button
                type="button"
                class="small ghost"
                [disabled]="i === 0"
                (click)="move(i, -1)"
                [attr.aria-label]="'Move ' + m.fileName + ' earlier in the carousel'"
              >
                <so-icon name="arrow-up" />
              </button>
              <button
                type="button"
                class="small ghost"
                [disabled]="last"
                (click)="move(i, 1)"
                [attr.aria-label]="'Move ' + m.fileName + ' later in the carousel'"
              >
                <so-icon name="arrow-down" />
              </button>
            </li>
          }
        </ol>
      }

      @if (r.firstComment; as comment) {
        <label [for]="id('first-comment')">First comment (optional)</label>
        <textarea
          [id]="id('first-comment')"
          rows="2"
          [maxlength]="comment.maxLength"
          [ngModel]="choice().firstComment"
          (ngModelChange)="set({ firstComment: $event })"
          placeholder="Posted under the post right after it goes out"
        ></textarea>
        @if (problem('options.firstComment'); as p) {
          <p class="field-error">First comment {{ p }}</p>
        }
      }

      <so-network-option-fields
        [accountId]="accountId()"
        [label]="r.label"
        [fields]="r.optionFields ?? []"
        [postType]="type()"
        [options]="choice().kept"
        (optionsChange)="set({ kept: $event })"
        [problems]="problems()"
      />
    }
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 0.6rem;
    }
    .field-label {
      font-weight: 600;
      margin: 0.5rem 0 0.3rem;
    }
    .poll {
      margin: 0.6rem 0 0;
    }
    .row {
      display: flex;
      gap: 0.3rem;
      margin-bottom: 0.3rem;
    }
    .field-error {
      color: var(--danger);
      font-size: 0.85rem;
      margin: 0 0 0.3rem;
    }
    .order {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 0.3rem;
    }
    .order li {
      display: flex;
      align-items: center;
      gap: 0.4rem;
    }
    .order img {
      width: 36px;
      height: 36px;
      object-fit: cover;
      border-radius: 4px;
    }
    .order .name {
      flex: 1;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
  `,
})
export class VariantOptionsComponent {
  readonly accountId = input.required<string>();
  readonly rules = input.required<NetworkRules | undefined>();
  readonly choice = model.required<VariantChoice>();
  /** The type the server settled on when none is chosen (from the live preview). */
  readonly inferredType = input<string | null>(null);
  readonly media = input<MediaItem[]>([]);
  readonly problems = input<RuleViolation[]>([]);
  readonly durationText = durationText;
  private readonly injector = inject(Injector);

  readonly type = computed(() => this.choice().postType ?? this.inferredType());
  readonly rule = computed(() => this.rules()?.postTypes.find((p) => p.type === this.type()));
  readonly sorted = computed(() => orderedMedia(this.media(), this.choice().mediaOrder));

  id(part: string): string {
    return `variant-${this.accountId()}-${part}`;
  }

  typeLabel(type: string): string {
    return POST_TYPE_LABELS[type] ?? type;
  }

  /** The server's message for a field, e.g. "is empty" for options.pollOptions[1]. */
  problem(field: string): string | null {
    return this.problems().find((p) => p.field === field)?.message ?? null;
  }

  /** A field filled in while the type is the server's pick keeps that type (its fields belong to it). */
  set(change: Partial<VariantChoice>): void {
    this.choice.update((c) => ({ ...c, postType: c.postType ?? this.type(), ...change }));
  }

  setChoice(index: number, value: string): void {
    this.set({ pollOptions: this.choice().pollOptions.map((o, i) => (i === index ? value : o)) });
  }

  addChoice(): void {
    this.set({ pollOptions: [...this.choice().pollOptions, ''] });
    const next = this.choice().pollOptions.length - 1;
    afterNextRender(() => document.getElementById(this.id('choice-' + next))?.focus(), { injector: this.injector });
  }

  removeChoice(index: number): void {
    this.set({ pollOptions: this.choice().pollOptions.filter((_, i) => i !== index) });
  }

  move(index: number, by: -1 | 1): void {
    const ids = this.sorted().map((m) => m.id);
    [ids[index], ids[index + by]] = [ids[index + by], ids[index]];
    this.set({ mediaOrder: ids });
  }
}
