import { ChangeDetectionStrategy, Component, inject, OnInit } from '@angular/core';
import { BannerComponent } from '../../shared/banner.component';
import { ReportCreateComponent } from './report-create.component';
import { ReportListComponent } from './report-list.component';
import { ReportsStore } from './reports.store';
import { ScheduleListComponent } from './schedule-list.component';

/** Reports: a PDF of the chosen period on request, the reports made so far, and reports emailed on a schedule. */
@Component({
  selector: 'so-reports-page',
  imports: [BannerComponent, ReportCreateComponent, ReportListComponent, ScheduleListComponent],
  providers: [ReportsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <so-banner [message]="store.error()" />
    <so-report-create />
    <so-report-list />
    <so-schedule-list />
  `,
})
export class ReportsPage implements OnInit {
  readonly store = inject(ReportsStore);

  ngOnInit(): Promise<void> {
    return this.store.load();
  }
}
