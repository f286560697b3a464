import { ChangeDetectionStrategy, Component, input } from '@angular/core';

@Component({
  selector: 'so-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (message()) {
      <div class="banner" [class.success]="kind() === 'success'" [attr.role]="kind() === 'error' ? 'alert' : 'status'">
        {{ message() }}
      </div>
    }
  `,
})
export class BannerComponent {
  readonly message = input<string | null>(null);
  readonly kind = input<'error' | 'success'>('error');
}
