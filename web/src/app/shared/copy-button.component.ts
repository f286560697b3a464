import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';

@Component({
  selector: 'so-copy-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<button type="button" class="small" (click)="copy()">{{ copied() ? 'Copied' : 'Copy' }}</button>`,
})
export class CopyButtonComponent {
  readonly text = input.required<string>();
  readonly copied = signal(false);

  async copy(): Promise<void> {
    await navigator.clipboard?.writeText(this.text()).catch(() => undefined);
    this.copied.set(true);
    setTimeout(() => this.copied.set(false), 2000);
  }
}
