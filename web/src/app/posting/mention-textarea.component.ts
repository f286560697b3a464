import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  model,
  output,
  signal,
  viewChild,
} from '@angular/core';
import type { Member } from '../core/api.types';
import { WorkspaceService } from '../core/workspace.service';
import { TeamApi } from '../members/team.api';

/** The `@query` being typed just before the caret, and where its `@` is. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(?:^|\s)@([\p{L}\p{N}._-]*)$/u.exec(text.slice(0, caret));
  return match ? { start: caret - match[1].length - 1, query: match[1] } : null;
}

/**
 * How a comment names a member so the server recognises them: their name without spaces, else the
 * local part of their email (the server matches either, case-insensitively).
 */
export function handleOf(member: Member): string {
  const name = member.name.replace(/\s+/g, '');
  return /^[\p{L}\p{N}._-]+$/u.test(name) ? name : member.email.split('@')[0];
}

const matchesQuery = (member: Member, query: string) => {
  const q = query.toLowerCase();
  const name = member.name.toLowerCase();
  return (
    name.split(/\s+/).some((word) => word.startsWith(q)) ||
    name.replace(/\s+/g, '').startsWith(q) ||
    member.email.toLowerCase().startsWith(q)
  );
};

/**
 * A textarea that offers the workspace's members while an `@name` is typed: arrows move, Enter or
 * Tab inserts, Esc closes (an ARIA combobox with a listbox). Ctrl/⌘+Enter sends.
 */
@Component({
  selector: 'so-mention-textarea',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
      position: relative;
    }
    .mention-list {
      position: absolute;
      left: 0;
      top: 100%;
      z-index: 30;
      min-width: 16rem;
      max-height: 14rem;
      overflow: auto;
      list-style: none;
      margin: 0.2rem 0 0;
      padding: 0.3rem;
      background: var(--surface);
      border: 1px solid var(--border);
      border-radius: var(--radius);
      box-shadow: 0 12px 32px rgba(16, 24, 40, 0.16);
    }
    .mention-list li {
      padding: 0.4rem 0.6rem;
      border-radius: 6px;
      cursor: pointer;
    }
    .mention-list li[aria-selected='true'] {
      background: var(--primary-soft);
      color: var(--primary-dark);
    }
  `,
  template: `
    <textarea
      #area
      [id]="inputId()"
      rows="3"
      role="combobox"
      aria-autocomplete="list"
      [attr.aria-expanded]="open()"
      [attr.aria-controls]="listId"
      [attr.aria-activedescendant]="open() ? optionId(active()) : null"
      [attr.aria-describedby]="describedBy() || null"
      [value]="value()"
      (input)="typed()"
      (click)="follow()"
      (keydown)="key($event)"
      (blur)="query.set(null)"
    ></textarea>
    @if (open()) {
      <ul class="mention-list" role="listbox" [id]="listId" aria-label="Members to mention">
        @for (m of matches(); track m.userId; let i = $index) {
          <li
            role="option"
            [id]="optionId(i)"
            [attr.aria-selected]="i === active()"
            (mousedown)="$event.preventDefault(); pick(m)"
          >
            <strong>{{ m.name }}</strong> <span class="muted small">{{ m.email }}</span>
          </li>
        }
      </ul>
    }
  `,
})
export class MentionTextareaComponent {
  private static next = 0;
  private readonly team = inject(TeamApi);
  private readonly workspaces = inject(WorkspaceService);
  readonly inputId = input.required<string>();
  readonly describedBy = input<string>('');
  readonly value = model('');
  /** Ctrl/⌘+Enter. */
  readonly send = output<void>();
  readonly listId = `mention-list-${MentionTextareaComponent.next++}`;
  readonly query = signal<{ start: number; query: string } | null>(null);
  readonly active = signal(0);
  private readonly members = signal<Member[] | null>(null);
  private readonly area = viewChild.required<ElementRef<HTMLTextAreaElement>>('area');
  readonly matches = computed(() => {
    const q = this.query();
    return q ? (this.members() ?? []).filter((m) => matchesQuery(m, q.query)).slice(0, 8) : [];
  });
  readonly open = computed(() => this.matches().length > 0);

  optionId(i: number): string {
    return `${this.listId}-${i}`;
  }

  typed(): void {
    this.value.set(this.area().nativeElement.value);
    this.follow();
  }

  /** Looks at what is before the caret: an `@` being typed opens the list. */
  follow(): void {
    const el = this.area().nativeElement;
    const at = mentionAt(el.value, el.selectionStart ?? el.value.length);
    this.query.set(at);
    this.active.set(0);
    if (at && this.members() === null) void this.loadMembers();
  }

  key(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.send.emit();
      return;
    }
    if (!this.open()) return;
    const count = this.matches().length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      this.active.update((i) => (i + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      this.pick(this.matches()[this.active()]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.query.set(null);
    }
  }

  pick(member: Member): void {
    const at = this.query();
    if (!at) return;
    const el = this.area().nativeElement;
    const caret = el.selectionStart ?? el.value.length;
    const mention = `@${handleOf(member)} `;
    const next = el.value.slice(0, at.start) + mention + el.value.slice(caret);
    this.value.set(next);
    el.value = next;
    const position = at.start + mention.length;
    el.setSelectionRange(position, position);
    el.focus();
    this.query.set(null);
  }

  private async loadMembers(): Promise<void> {
    if (!this.workspaces.can('members:read')) return this.members.set([]);
    try {
      this.members.set(await this.team.members());
    } catch {
      // Without the list, @name still works when typed in full.
      this.members.set([]);
    }
  }
}
