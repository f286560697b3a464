import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { fileSize } from './media-format';
import type { UploadTask } from './upload-queue';

/** A progress bar per file; a failed file says why, in the server's words, until dismissed. */
@Component({
  selector: 'so-upload-progress',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (tasks().length) {
      <ul class="uploads" aria-label="Uploads">
        @for (t of tasks(); track t.id) {
          <li [attr.data-state]="t.state">
            <span class="name"
              >{{ t.fileName }} <span class="muted small">{{ size(t.bytes) }}</span></span
            >
            @if (t.state === 'failed') {
              <span class="danger-text small" role="alert">Not uploaded: {{ t.error }}</span>
              <button
                type="button"
                class="small ghost"
                (click)="dismiss.emit(t.id)"
                [attr.aria-label]="'Dismiss ' + t.fileName"
              >
                Dismiss
              </button>
            } @else {
              <progress max="100" [value]="t.percent" [attr.aria-label]="'Uploading ' + t.fileName"></progress>
              <span class="muted small">{{
                t.state === 'done' ? 'Done' : t.state === 'waiting' ? 'Waiting' : t.percent + '%'
              }}</span>
            }
          </li>
        }
      </ul>
    }
  `,
  styles: `
    .uploads {
      list-style: none;
      padding: 0;
      margin: 0.6rem 0;
      display: grid;
      gap: 0.35rem;
    }
    li {
      display: grid;
      grid-template-columns: minmax(8rem, 1fr) minmax(6rem, 2fr) auto;
      gap: 0.6rem;
      align-items: center;
    }
    .name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    progress {
      width: 100%;
      accent-color: var(--primary);
    }
  `,
})
export class UploadProgressComponent {
  readonly tasks = input.required<UploadTask[]>();
  readonly dismiss = output<number>();
  readonly size = fileSize;
}
