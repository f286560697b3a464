import { ChangeDetectionStrategy, Component, computed, inject, input, output, resource } from '@angular/core';
import { HttpClient } from '@angular/common/http';
import { firstValueFrom } from 'rxjs';
import type { RuleViolation } from '../core/api.types';
import { AccountChoice, fieldShown, OptionField, readOption, withOption } from './option-fields';

/**
 * "<Network> options": the inputs a network's own options take, drawn from its optionFields
 * (`GET /networks`); selects over the account's lists (Pinterest boards) read from the server.
 */
@Component({
  selector: 'so-network-option-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (visible().length) {
      <fieldset class="network-options">
        <legend>{{ label() }} options</legend>
        @for (f of visible(); track f.name) {
          @if (f.kind === 'boolean') {
            <label class="check"
              ><input
                type="checkbox"
                [id]="id(f)"
                [checked]="value(f) === true"
                (change)="set(f, $any($event.target).checked)"
                [attr.aria-describedby]="id(f) + '-help'"
              />
              {{ f.label }}</label
            >
          } @else {
            <label [for]="id(f)">{{ f.label }}{{ f.required ? '' : ' (optional)' }}</label>
            @switch (f.kind) {
              @case ('select') {
                <select
                  [id]="id(f)"
                  [value]="text(f)"
                  (change)="set(f, $any($event.target).value)"
                  [attr.aria-invalid]="!!problem(f)"
                  [attr.aria-describedby]="id(f) + '-help'"
                >
                  <option value="">{{ f.required ? 'Choose…' : 'Not set' }}</option>
                  @for (c of choicesOf(f); track c.value) {
                    <option [value]="c.value" [selected]="c.value === text(f)">{{ c.label }}</option>
                  }
                </select>
              }
              @case ('textarea') {
                <textarea
                  [id]="id(f)"
                  rows="2"
                  [value]="text(f)"
                  [attr.maxlength]="f.maxLength ?? null"
                  (input)="set(f, $any($event.target).value)"
                  [attr.aria-invalid]="!!problem(f)"
                  [attr.aria-describedby]="id(f) + '-help'"
                ></textarea>
              }
              @case ('list') {
                <textarea
                  [id]="id(f)"
                  rows="2"
                  [value]="lines(f)"
                  (input)="set(f, $any($event.target).value.split('\\n'))"
                  [attr.aria-invalid]="!!problem(f)"
                  [attr.aria-describedby]="id(f) + '-help'"
                ></textarea>
              }
              @default {
                <input
                  [id]="id(f)"
                  [type]="inputType(f)"
                  [value]="f.kind === 'datetime' ? localTime(f) : text(f)"
                  [attr.maxlength]="f.maxLength ?? null"
                  [attr.placeholder]="f.placeholder ?? null"
                  (input)="setTyped(f, $any($event.target).value)"
                  [attr.aria-invalid]="!!problem(f)"
                  [attr.aria-describedby]="id(f) + '-help'"
                />
              }
            }
          }
          <p class="hint" [id]="id(f) + '-help'">{{ f.help }}</p>
          @if (problem(f); as p) {
            <p class="field-error" role="alert" [attr.data-testid]="'option-error-' + f.name">{{ f.label }} {{ p }}</p>
          }
        }
      </fieldset>
    }
  `,
  styles: `
    .network-options {
      margin: 0.6rem 0 0;
    }
    .check {
      display: flex;
      gap: 0.4rem;
      align-items: center;
    }
    .hint {
      font-size: 0.8rem;
      margin: 0 0 0.3rem;
      opacity: 0.8;
    }
    .field-error {
      color: var(--danger);
      font-size: 0.85rem;
      margin: 0 0 0.3rem;
    }
  `,
})
export class NetworkOptionFieldsComponent {
  private readonly http = inject(HttpClient);
  readonly accountId = input.required<string>();
  readonly label = input.required<string>();
  readonly fields = input<OptionField[]>([]);
  readonly postType = input<string | null>(null);
  readonly options = input.required<Record<string, unknown>>();
  readonly problems = input<RuleViolation[]>([]);
  readonly optionsChange = output<Record<string, unknown>>();

  readonly visible = computed(() => this.fields().filter((f) => fieldShown(f, this.options(), this.postType())));

  /** The account's lists (boards …), asked for only when a field takes its choices from one. */
  private readonly lists = resource({
    params: () => (this.fields().some((f) => f.choicesFrom) ? this.accountId() : undefined),
    loader: ({ params }) =>
      firstValueFrom(
        this.http.get<{ lists: Record<string, AccountChoice[]> }>(`/api/v1/accounts/${params}/option-choices`),
      ),
  });

  id(f: OptionField): string {
    return `option-${this.accountId()}-${f.name.replace('.', '-')}`;
  }

  value(f: OptionField): unknown {
    return readOption(this.options(), f.name);
  }

  text(f: OptionField): string {
    const v = this.value(f);
    return typeof v === 'string' ? v : '';
  }

  lines(f: OptionField): string {
    const v = this.value(f);
    return Array.isArray(v) ? v.join('\n') : '';
  }

  inputType(f: OptionField): string {
    return f.kind === 'datetime' ? 'datetime-local' : f.kind === 'text' ? 'text' : f.kind;
  }

  /** An ISO time shown in the browser's own zone, as datetime-local inputs take it. */
  localTime(f: OptionField): string {
    const at = new Date(this.text(f));
    if (Number.isNaN(at.getTime())) return '';
    const local = new Date(at.getTime() - at.getTimezoneOffset() * 60_000);
    return local.toISOString().slice(0, 16);
  }

  choicesOf(f: OptionField): { value: string; label: string }[] {
    if (f.choices) return f.choices;
    const list = (f.choicesFrom && this.lists.value()?.lists[f.choicesFrom]) || [];
    if (!f.choicesWithin) return list;
    const parent = this.options()[f.choicesWithin];
    return list.filter((c) => c.parent === parent);
  }

  problem(f: OptionField): string | null {
    const field = `options.${f.name}`;
    return this.problems().find((p) => p.field === field || p.field.startsWith(field + '['))?.message ?? null;
  }

  set(f: OptionField, value: unknown): void {
    this.optionsChange.emit(withOption(this.options(), f.name, value));
  }

  setTyped(f: OptionField, value: string): void {
    this.set(f, f.kind === 'datetime' && value ? new Date(value).toISOString() : value);
  }
}
