import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ActivatedRoute } from '@angular/router';

/** A page of the section that is not built yet: its route is in place, its page comes later. */
@Component({
  selector: 'so-analytics-placeholder',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="empty card">
      <p class="muted">{{ title }} is on its way.</p>
    </div>
  `,
})
export class SectionPlaceholderPage {
  readonly title = inject(ActivatedRoute).snapshot.title ?? 'This page';
}
