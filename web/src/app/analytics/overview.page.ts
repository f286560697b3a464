import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'so-analytics-overview',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<div class="empty card"><p class="muted">Coming soon.</p></div>',
})
export class OverviewPage {}
