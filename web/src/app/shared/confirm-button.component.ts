import { ChangeDetectionStrategy, Component, input, output, viewChild } from '@angular/core';
import { DialogComponent } from './dialog.component';

/** A button that asks before doing something that cannot be undone. */
@Component({
  selector: 'so-confirm-button',
  imports: [DialogComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button type="button" class="danger small" (click)="dialog().open()" [attr.aria-label]="ariaLabel() || null">
      {{ label() }}
    </button>
    <so-dialog [heading]="question()">
      <p>{{ detail() }}</p>
      <div class="actions">
        <button type="button" (click)="dialog().close()" autofocus>Cancel</button>
        <button type="button" class="danger" (click)="confirm()">{{ confirmLabel() }}</button>
      </div>
    </so-dialog>
  `,
})
export class ConfirmButtonComponent {
  readonly label = input.required<string>();
  readonly ariaLabel = input<string>('');
  readonly question = input.required<string>();
  readonly detail = input<string>('');
  readonly confirmLabel = input<string>('Confirm');
  readonly confirmed = output<void>();
  readonly dialog = viewChild.required(DialogComponent);

  confirm(): void {
    this.dialog().close();
    this.confirmed.emit();
  }
}
