import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { IconComponent } from '../shared/icon.component';

/**
 * Where files are dropped (several at once) or chosen with the button; optionally also opens the
 * library. The area is a drop target only: every action in it is a real button for the keyboard.
 */
@Component({
  selector: 'so-drop-zone',
  imports: [IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'drop-zone',
    '[class.over]': 'over()',
    '(dragenter)': 'enter($event)',
    '(dragover)': 'enter($event)',
    '(dragleave)': 'leave($event)',
    '(drop)': 'drop($event)',
    '[attr.data-testid]': '"drop-zone"',
  },
  template: `
    <p>
      <so-icon name="upload" [size]="18" />
      <strong>{{ over() ? 'Drop to upload' : 'Drag files here' }}</strong>
      <span class="muted"> — images, GIFs, videos or PDFs, several at once</span>
    </p>
    <div class="button-row">
      <button type="button" class="small" (click)="input.click()">Choose files…</button>
      @if (library()) {
        <button type="button" class="small" (click)="pick.emit()">Pick from library…</button>
      }
    </div>
    <input
      #input
      type="file"
      multiple
      hidden
      [attr.accept]="accept"
      [attr.aria-label]="label()"
      (change)="chosen(input)"
    />
  `,
  styles: `
    :host {
      display: block;
      border: 2px dashed var(--border);
      border-radius: var(--radius);
      padding: 1rem 1.2rem;
      background: var(--surface);
      transition:
        border-color 0.15s,
        background 0.15s;
    }
    :host(.over) {
      border-color: var(--primary);
      background: var(--primary-soft);
    }
    p {
      display: flex;
      align-items: center;
      gap: 0.4rem;
      flex-wrap: wrap;
      margin: 0 0 0.6rem;
    }
  `,
})
export class DropZoneComponent {
  /** The hidden file input's name (what "Choose files…" opens). */
  readonly label = input('Upload files');
  /** Shows "Pick from library…". */
  readonly library = input(false);
  readonly files = output<File[]>();
  readonly pick = output<void>();
  readonly over = signal(false);
  readonly accept = 'image/*,video/*,application/pdf';

  enter(event: DragEvent): void {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this.over.set(true);
  }

  leave(event: DragEvent): void {
    // Moving over a child fires dragleave on the zone too: only leaving the zone itself counts.
    const to = event.relatedTarget as Node | null;
    if (!to || !(event.currentTarget as HTMLElement).contains(to)) this.over.set(false);
  }

  drop(event: DragEvent): void {
    event.preventDefault();
    this.over.set(false);
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length) this.files.emit(files);
  }

  chosen(input: HTMLInputElement): void {
    const files = Array.from(input.files ?? []);
    input.value = '';
    if (files.length) this.files.emit(files);
  }
}
