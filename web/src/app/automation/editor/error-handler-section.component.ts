import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, output, signal } from '@angular/core';
import { AutomationsApi } from '../automations.api';
import type { AutomationSummary, ErrorHandler } from '../automation.types';

type Kind = 'default' | ErrorHandler['kind'];

const BUILT_IN_ROLES = [
  { id: 'owner', name: 'Owner' },
  { id: 'admin', name: 'Admin' },
  { id: 'editor', name: 'Editor' },
  { id: 'viewer', name: 'Viewer' },
  { id: 'client', name: 'Client' },
];

/**
 * "When a run fails": the automation's error handler, like n8n's error workflow. By default
 * owners and admins are told; or members with chosen roles are told (with the run's link); or
 * another automation starts at its "Automation failed" trigger with the failed run as payload.
 * Part of the graph: it applies once published.
 */
@Component({
  selector: 'so-error-handler-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    `
      .choice {
        display: flex;
        gap: 6px;
        align-items: center;
        font-weight: normal;
        margin: 3px 0;
      }
      .choice input {
        width: auto;
      }
      .roles {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 12px;
        margin: 4px 0 4px 22px;
      }
    `,
  ],
  template: `
    <h3 id="error-handler-title">When a run fails</h3>
    <div role="radiogroup" aria-labelledby="error-handler-title">
      <label class="choice"
        ><input type="radio" name="error-handler" [checked]="kind() === 'default'" (change)="choose('default')" /> Tell
        owners and admins</label
      >
      <label class="choice"
        ><input type="radio" name="error-handler" [checked]="kind() === 'notify'" (change)="choose('notify')" /> Tell
        members with these roles</label
      >
      @if (kind() === 'notify') {
        <div class="roles" role="group" aria-label="Roles to tell">
          @for (role of roles(); track role.id) {
            <label class="choice"
              ><input type="checkbox" [checked]="told().includes(role.id)" (change)="toggleRole(role.id)" />
              {{ role.name }}</label
            >
          }
        </div>
      }
      <label class="choice"
        ><input type="radio" name="error-handler" [checked]="kind() === 'automation'" (change)="choose('automation')" />
        Start another automation</label
      >
      @if (kind() === 'automation') {
        <label for="error-handler-automation" class="visually-hidden">Automation to start</label>
        <select id="error-handler-automation" [value]="chosenId()" (change)="pick($any($event.target).value)">
          <option value="" disabled>Choose an automation…</option>
          @for (a of others(); track a.id) {
            <option [value]="a.id" [selected]="a.id === chosenId()">{{ a.name }}</option>
          }
        </select>
        <p class="muted small">
          It starts at its “Automation failed” trigger with the run, the automation, the failed step and the error.
        </p>
      }
    </div>
    @if (error(); as message) {
      <p class="field-error" role="alert">{{ message }}</p>
    }
  `,
})
export class ErrorHandlerSectionComponent implements OnInit {
  private readonly api = inject(AutomationsApi);
  readonly handler = input<ErrorHandler | undefined>(undefined);
  /** This automation (not offered as its own handler here). */
  readonly automationId = input.required<string>();
  readonly customRoles = input<{ id: string; name: string }[]>([]);
  /** The publish error about the handler, if any. */
  readonly error = input<string | null>(null);
  readonly changed = output<ErrorHandler | null>();

  readonly automations = signal<AutomationSummary[]>([]);
  readonly kind = computed<Kind>(() => this.handler()?.kind ?? 'default');
  readonly roles = computed(() => [...BUILT_IN_ROLES, ...this.customRoles()]);
  readonly told = computed(() => {
    const h = this.handler();
    return h?.kind === 'notify' ? h.roles : [];
  });
  readonly chosenId = computed(() => {
    const h = this.handler();
    return h?.kind === 'automation' ? h.automationId : '';
  });
  readonly others = computed(() => this.automations().filter((a) => a.id !== this.automationId()));

  async ngOnInit(): Promise<void> {
    this.automations.set(await this.api.list().catch(() => []));
  }

  choose(kind: Kind): void {
    if (kind === 'default') this.changed.emit(null);
    else if (kind === 'notify') this.changed.emit({ kind, roles: ['owner', 'admin'] });
    else this.changed.emit({ kind, automationId: this.others()[0]?.id ?? '' });
  }

  toggleRole(id: string): void {
    const roles = this.told().includes(id) ? this.told().filter((r) => r !== id) : [...this.told(), id];
    this.changed.emit({ kind: 'notify', roles });
  }

  pick(automationId: string): void {
    this.changed.emit({ kind: 'automation', automationId });
  }
}
