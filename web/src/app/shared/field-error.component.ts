import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** A field's error message, linked to its input by aria-describedby="<errorId>". */
@Component({
  selector: 'so-field-error',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (message()) {
      <p class="field-error" [id]="errorId()" role="alert">{{ message() }}</p>
    }
  `,
})
export class FieldErrorComponent {
  readonly errorId = input.required<string>();
  readonly message = input<string | null>(null);
}
