import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { CopyButtonComponent } from '../shared/copy-button.component';

/** A new webhook address for the webhook-in trigger, with its signing secret: shown this once. */
@Component({
  selector: 'so-webhook-panel',
  imports: [CopyButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-label="Webhook address">
      <p>
        Send signed POST requests here (header
        <code>X-Signature-256: sha256=&lt;HMAC-SHA256 of the body&gt;</code>). The secret is shown once: copy it now.
      </p>
      <label for="hook-url">URL</label>
      <input id="hook-url" readonly [value]="url()" />
      <so-copy-button [text]="url()" label="Copy URL" />
      <label for="hook-secret">Secret</label>
      <input id="hook-secret" readonly [value]="secret()" />
      <so-copy-button [text]="secret()" label="Copy secret" />
      <button type="button" class="link" (click)="closed.emit()">Hide</button>
    </section>
  `,
})
export class WebhookPanelComponent {
  readonly url = input.required<string>();
  readonly secret = input.required<string>();
  readonly closed = output<void>();
}
