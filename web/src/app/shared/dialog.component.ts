import { ChangeDetectionStrategy, Component, ElementRef, input, output, viewChild } from '@angular/core';

/** A modal on the native <dialog>: focus is trapped, Esc closes, focus returns to the opener. */
@Component({
  selector: 'so-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog #dialog [attr.aria-labelledby]="titleId" (close)="closed.emit()">
      <h2 [id]="titleId">{{ heading() }}</h2>
      <ng-content />
    </dialog>
  `,
})
export class DialogComponent {
  private static next = 0;
  readonly heading = input.required<string>();
  readonly closed = output<void>();
  readonly titleId = `dialog-title-${DialogComponent.next++}`;
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  isOpen(): boolean {
    return this.dialog().nativeElement.open;
  }

  open(): void {
    this.dialog().nativeElement.showModal();
  }

  close(): void {
    this.dialog().nativeElement.close();
  }
}
