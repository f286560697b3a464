import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output } from '@angular/core';
import { fieldsAvailable } from '@socialorchestrator/rule-nodes/dist/data-shape';
import type { Automation, FieldSpec, Graph } from './automation.types';
import { FieldPickerComponent } from './data-picker/field-picker.component';
import { SampleStore } from './data-picker/sample-store';
import { ScheduleBuilderComponent } from './data-picker/schedule-builder.component';
import { fieldProblems, isRequired } from './field-validation';
import { formatOperand, OPERATORS, parseOperand } from './rule-operators';
import { IconComponent } from '../shared/icon.component';

export interface AccountChoice {
  id: string;
  name: string;
}

/** Where a node's form sits in its graph: what its field pickers offer. */
export interface DataContext {
  graph: Graph;
  automation: Automation;
  nodeId: string;
}

interface Rule {
  fact: string;
  operator: string;
  value: unknown;
}

/**
 * A form generated from field specs — a node's config in the editor, a template's inputs in the
 * gallery. Every change emits the whole value record. Beside each field: the server's `errors`,
 * else what the browser can check itself (required, min/max, URL).
 */
@Component({
  selector: 'so-field-form',
  imports: [IconComponent, FieldPickerComponent, ScheduleBuilderComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (dataContext()) {
      <datalist [id]="prefix() + '-paths'">
        @for (f of dataFields(); track f.path) {
          <option [value]="f.path"></option>
        }
      </datalist>
    }
    @for (field of fields(); track field.key) {
      <div class="field" [attr.data-field]="field.key">
        <!-- Roles are a multiselect whose choices include the workspace's custom roles. -->
        @switch (field.kind === 'roles' ? 'multiselect' : field.kind) {
          @case ('boolean') {
            <label class="check">
              <input
                type="checkbox"
                [id]="id(field)"
                [attr.aria-invalid]="invalid(field)"
                [attr.aria-describedby]="invalid(field) ? id(field) + '-error' : null"
                [checked]="!!values()[field.key]"
                (change)="set(field, $any($event.target).checked)"
              />
              {{ field.label }}
            </label>
          }
          @case ('select') {
            <label [for]="id(field)">{{ field.label }}{{ mark(field) }}</label>
            <select
              [id]="id(field)"
              [attr.aria-invalid]="invalid(field)"
              [attr.aria-describedby]="invalid(field) ? id(field) + '-error' : null"
              [value]="values()[field.key] ?? ''"
              (change)="set(field, $any($event.target).value)"
            >
              @for (option of offered(field); track option.value) {
                <option [value]="option.value" [selected]="values()[field.key] === option.value">
                  {{ option.label }}
                </option>
              }
            </select>
          }
          @case ('multiselect') {
            <fieldset>
              <legend>{{ field.label }}{{ mark(field) }}</legend>
              @for (option of choices(field); track option.value) {
                <label class="check">
                  <input
                    type="checkbox"
                    [checked]="listOf(field).includes(option.value)"
                    (change)="toggle(field, option.value, $any($event.target).checked)"
                  />
                  {{ option.label }}
                </label>
              }
            </fieldset>
          }
          @case ('accounts') {
            <fieldset>
              <legend>{{ field.label }}{{ mark(field) }}</legend>
              <label class="check">
                <input
                  type="checkbox"
                  [checked]="listOf(field).includes('*')"
                  (change)="set(field, $any($event.target).checked ? ['*'] : [])"
                />
                Every account
              </label>
              @for (account of accounts(); track account.id) {
                <label class="check">
                  <input
                    type="checkbox"
                    [disabled]="listOf(field).includes('*')"
                    [checked]="listOf(field).includes(account.id)"
                    (change)="toggle(field, account.id, $any($event.target).checked)"
                  />
                  {{ account.name }}
                </label>
              }
            </fieldset>
          }
          @case ('labels') {
            <label [for]="id(field)">{{ field.label }}{{ mark(field) }}</label>
            <input
              [id]="id(field)"
              [attr.aria-invalid]="invalid(field)"
              [attr.aria-describedby]="invalid(field) ? id(field) + '-error' : null"
              [value]="listOf(field).join(', ')"
              (change)="set(field, splitList($any($event.target).value))"
              placeholder="e.g. launch, blog"
            />
          }
          @case ('number') {
            <label [for]="id(field)">{{ field.label }}{{ mark(field) }}</label>
            <input
              [id]="id(field)"
              [attr.aria-invalid]="invalid(field)"
              [attr.aria-describedby]="invalid(field) ? id(field) + '-error' : null"
              type="number"
              [attr.min]="field.min"
              [attr.max]="field.max"
              [value]="values()[field.key] ?? ''"
              (change)="setNumber(field, $any($event.target).value)"
            />
          }
          @case ('template') {
            <label [for]="id(field)">{{ field.label }}{{ mark(field) }}</label>
            <textarea
              #area
              [id]="id(field)"
              [attr.aria-invalid]="invalid(field)"
              [attr.aria-describedby]="invalid(field) ? id(field) + '-error' : null"
              rows="3"
              [value]="values()[field.key] ?? ''"
              (input)="set(field, $any($event.target).value)"
            ></textarea>
            @if (dataContext()) {
              <so-field-picker [fields]="dataFields()" [target]="field.label" (picked)="insert(field, area, $event)" />
            }
            <small class="muted"
              >Use {{ '{{' }}field{{ '}}' }} for a value of the incoming message, e.g. {{ '{{' }}title{{ '}}' }}; give a
              default with {{ '{{' }}title | "Untitled"{{ '}}' }}. A field with no value and no default fails the
              step.</small
            >
          }
          @case ('cron') {
            <so-schedule-builder
              [cron]="$any(values()[field.key] ?? '')"
              [label]="field.label + mark(field)"
              [prefix]="id(field)"
              (cronChange)="set(field, $event)"
            />
          }
          @case ('rules') {
            <fieldset class="rules">
              <legend>{{ field.label }}{{ mark(field) }}</legend>
              <label [for]="id(field) + '-mode'">Match</label>
              <select
                [id]="id(field) + '-mode'"
                [value]="ruleMode(field)"
                (change)="setRuleMode(field, $any($event.target).value)"
              >
                <option value="all">all of these</option>
                <option value="any">any of these</option>
              </select>
              @for (rule of rulesOf(field); track $index; let i = $index) {
                <div class="rule-row">
                  <input
                    [attr.aria-label]="'Field of rule ' + (i + 1)"
                    [attr.list]="dataContext() ? prefix() + '-paths' : null"
                    [value]="rule.fact"
                    placeholder="title"
                    (change)="setRule(field, i, { fact: $any($event.target).value })"
                  />
                  <select
                    [attr.aria-label]="'Operator of rule ' + (i + 1)"
                    (change)="setOperator(field, i, $any($event.target).value)"
                  >
                    @for (op of operators; track op.value) {
                      <option [value]="op.value" [selected]="rule.operator === op.value">{{ op.label }}</option>
                    }
                  </select>
                  <input
                    [attr.aria-label]="'Value of rule ' + (i + 1)"
                    [value]="operand(rule.value)"
                    [placeholder]="rule.operator === 'in' || rule.operator === 'notIn' ? 'a, b, c' : ''"
                    (change)="setRule(field, i, { value: parse(rule.operator, $any($event.target).value) })"
                  />
                  <button
                    type="button"
                    class="link"
                    (click)="removeRule(field, i)"
                    [attr.aria-label]="'Remove rule ' + (i + 1)"
                  >
                    <so-icon name="x" />
                  </button>
                </div>
              }
              <button type="button" (click)="addRule(field)">Add rule</button>
            </fieldset>
          }
          @case ('cases') {
            <fieldset>
              <legend>{{ field.label }}{{ mark(field) }}</legend>
              @for (c of casesOf(field); track $index; let i = $index) {
                <div class="rule-row">
                  <input
                    [attr.aria-label]="'Port of case ' + (i + 1)"
                    [value]="c.port"
                    (change)="setCase(field, i, 'port', $any($event.target).value)"
                  />
                  <input
                    [attr.aria-label]="'Value of case ' + (i + 1)"
                    [value]="c.equals"
                    (change)="setCase(field, i, 'equals', $any($event.target).value)"
                  />
                  <button
                    type="button"
                    class="link"
                    (click)="removeCase(field, i)"
                    [attr.aria-label]="'Remove case ' + (i + 1)"
                  >
                    <so-icon name="x" />
                  </button>
                </div>
              }
              <button type="button" (click)="addCase(field)">Add case</button>
            </fieldset>
          }
          @default {
            <label [for]="id(field)">{{ field.label }}{{ mark(field) }}</label>
            <input
              [id]="id(field)"
              [attr.aria-invalid]="invalid(field)"
              [attr.aria-describedby]="invalid(field) ? id(field) + '-error' : null"
              [type]="field.kind === 'url' ? 'url' : 'text'"
              [attr.list]="dataContext() && field.kind === 'text' ? prefix() + '-paths' : null"
              [value]="values()[field.key] ?? ''"
              (input)="set(field, $any($event.target).value)"
            />
          }
        }
        @if (field.help) {
          <small class="muted">{{ field.help }}</small>
        }
        @if (errors()[field.key]; as message) {
          <p class="field-error" role="alert" [id]="id(field) + '-error'">{{ message }}</p>
        } @else if (problems()[field.key]; as message) {
          <p class="field-error" [id]="id(field) + '-error'">{{ message }}</p>
        }
      </div>
    }
  `,
})
export class FieldFormComponent {
  readonly fields = input.required<FieldSpec[]>();
  readonly values = input.required<Record<string, unknown>>();
  readonly errors = input<Record<string, string>>({});
  readonly accounts = input<AccountChoice[]>([]);
  /** The workspace's custom roles, offered after the built-in ones a `roles` field lists. */
  readonly customRoles = input<AccountChoice[]>([]);
  /** Prefix for element ids, so two forms on a page do not clash. */
  readonly prefix = input('field');
  /** The node's place in its graph; with it, template fields offer the fields available there. */
  readonly dataContext = input<DataContext | null>(null);
  readonly changed = output<Record<string, unknown>>();
  readonly operators = OPERATORS;
  private readonly samples = inject(SampleStore);
  /** The fields at this node's input, with its triggers' sample values (rule-nodes' shape propagation). */
  readonly dataFields = computed(() => {
    const context = this.dataContext();
    return context ? (fieldsAvailable(context.graph, this.samples.payloads())[context.nodeId] ?? []) : [];
  });
  readonly operand = formatOperand;
  readonly parse = parseOperand;
  /** What the browser can tell is wrong, until the server says more. */
  readonly problems = computed(() => fieldProblems(this.fields(), this.values()));

  constructor() {
    effect(() => {
      const context = this.dataContext();
      if (context) this.samples.seed(context.automation);
    });
  }

  /** Puts a picked placeholder at the cursor (or at the end), and the cursor after it. */
  insert(field: FieldSpec, area: HTMLTextAreaElement, text: string): void {
    const value = String(this.values()[field.key] ?? '');
    // A textarea keeps its selection when the picker takes the focus; one never touched has it at the end.
    const start = Math.min(area.selectionStart ?? value.length, value.length);
    const end = Math.min(Math.max(area.selectionEnd ?? start, start), value.length);
    const next = value.slice(0, start) + text + value.slice(end);
    area.value = next;
    area.setSelectionRange(start + text.length, start + text.length);
    this.set(field, next);
  }

  /** ` *` after a label while the field is required (also by `requiredWhen`). */
  mark(field: FieldSpec): string {
    const values = { ...this.values() };
    for (const f of this.fields())
      if (values[f.key] === undefined && f.default !== undefined) values[f.key] = f.default;
    return isRequired(field, values) ? ' *' : '';
  }

  invalid(field: FieldSpec): boolean {
    return !!(this.errors()[field.key] ?? this.problems()[field.key]);
  }

  id(field: FieldSpec): string {
    return `${this.prefix()}-${field.key}`;
  }

  set(field: FieldSpec, value: unknown): void {
    this.changed.emit({ ...this.values(), [field.key]: value });
  }

  setNumber(field: FieldSpec, text: string): void {
    this.set(field, text === '' ? undefined : Number(text));
  }

  /** A select's options: a retired one only while it is the value (a saved flow keeps it; new ones cannot pick it). */
  offered(field: FieldSpec): { value: string; label: string }[] {
    return (field.options ?? []).filter((o) => !o.retired || this.values()[field.key] === o.value);
  }

  /** A multiselect's choices; roles add the workspace's custom roles and any chosen role no longer offered (so it can be unticked). */
  choices(field: FieldSpec): { value: string; label: string }[] {
    if (field.kind !== 'roles') return field.options ?? [];
    const offered = [...(field.options ?? []), ...this.customRoles().map((r) => ({ value: r.id, label: r.name }))];
    const gone = this.listOf(field)
      .filter((v) => !offered.some((o) => o.value === v))
      .map((value) => ({ value, label: `${value} (not a role here)` }));
    return [...offered, ...gone];
  }

  listOf(field: FieldSpec): string[] {
    const value = this.values()[field.key];
    return Array.isArray(value) ? (value as string[]) : [];
  }

  toggle(field: FieldSpec, value: string, on: boolean): void {
    const rest = this.listOf(field).filter((v) => v !== value);
    this.set(field, on ? [...rest, value] : rest);
  }

  splitList(text: string): string[] {
    return text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  ruleMode(field: FieldSpec): 'all' | 'any' {
    const rules = this.values()[field.key] as Record<string, unknown> | undefined;
    return rules && 'any' in rules ? 'any' : 'all';
  }

  rulesOf(field: FieldSpec): Rule[] {
    const rules = this.values()[field.key] as Record<string, Rule[]> | undefined;
    return rules?.[this.ruleMode(field)] ?? [];
  }

  setRuleMode(field: FieldSpec, mode: 'all' | 'any'): void {
    this.set(field, { [mode]: this.rulesOf(field) });
  }

  setRule(field: FieldSpec, index: number, change: Partial<Rule>): void {
    const rules = this.rulesOf(field).map((r, i) => (i === index ? { ...r, ...change } : r));
    this.set(field, { [this.ruleMode(field)]: rules });
  }

  /** A new operator may want another type of value (a list for `in`, a number for comparisons). */
  setOperator(field: FieldSpec, index: number, operator: string): void {
    const rule = this.rulesOf(field)[index];
    this.setRule(field, index, { operator, value: parseOperand(operator, formatOperand(rule?.value)) });
  }

  addRule(field: FieldSpec): void {
    this.set(field, {
      [this.ruleMode(field)]: [...this.rulesOf(field), { fact: 'title', operator: 'containsWord', value: '' }],
    });
  }

  removeRule(field: FieldSpec, index: number): void {
    this.set(field, { [this.ruleMode(field)]: this.rulesOf(field).filter((_, i) => i !== index) });
  }

  casesOf(field: FieldSpec): { port: string; equals: string }[] {
    const value = this.values()[field.key];
    return Array.isArray(value) ? (value as { port: string; equals: string }[]) : [];
  }

  setCase(field: FieldSpec, index: number, key: 'port' | 'equals', value: string): void {
    this.set(
      field,
      this.casesOf(field).map((c, i) => (i === index ? { ...c, [key]: value } : c)),
    );
  }

  addCase(field: FieldSpec): void {
    const n = this.casesOf(field).length + 1;
    this.set(field, [...this.casesOf(field), { port: `case-${n}`, equals: '' }]);
  }

  removeCase(field: FieldSpec, index: number): void {
    this.set(
      field,
      this.casesOf(field).filter((_, i) => i !== index),
    );
  }
}
