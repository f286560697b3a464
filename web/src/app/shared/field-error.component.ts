import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** A field's error message, linked to its input with aria-describedby="<id>". */
@Component({
  selector: 'so-field-error',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (message()) {
      <p class="field-error" [id]="id()" role="alert">{{ message() }}</p>
    }
  `,
})
export class FieldErrorComponent {
  readonly id = input.required<string>();
  readonly message = input<string | null>(null);
}
