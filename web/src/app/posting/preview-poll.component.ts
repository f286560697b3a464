import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { durationText } from './network-rules';

/** A poll before anyone voted: its choices, and how long it runs. */
@Component({
  selector: 'so-preview-poll',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (question()) {
      <p class="question">{{ question() }}</p>
    }
    <ul class="choices" aria-label="Poll choices">
      @for (choice of choices(); track $index) {
        <li>{{ choice || 'Choice ' + ($index + 1) }}</li>
      }
    </ul>
    <p class="meta">0 votes · {{ minutes() ? durationText(minutes()!) + ' left' : 'length not chosen' }}</p>
  `,
  styles: `
    :host {
      display: block;
      margin-top: 0.6rem;
    }
    .question {
      font-weight: 600;
      margin: 0 0 0.4rem;
    }
    .choices {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 0.4rem;
    }
    .choices li {
      border: 1.5px solid var(--preview-link, #1d9bf0);
      color: var(--preview-link, #1d9bf0);
      border-radius: 999px;
      padding: 0.35rem 0.8rem;
      text-align: center;
      font-weight: 600;
    }
    .meta {
      margin: 0.4rem 0 0;
      font-size: 0.85rem;
      color: var(--muted);
    }
  `,
})
export class PreviewPollComponent {
  readonly choices = input.required<string[]>();
  readonly minutes = input<number | null>(null);
  readonly question = input<string | null>(null);
  readonly durationText = durationText;
}
