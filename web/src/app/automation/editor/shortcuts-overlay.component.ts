import { ChangeDetectionStrategy, Component, output } from '@angular/core';

/** The editor's keyboard shortcuts, as the `?` help lists them (the editor page handles each). */
export const SHORTCUTS: readonly { keys: string; does: string }[] = [
  { keys: '?', does: 'Show or hide these shortcuts' },
  { keys: 'Ctrl/⌘ + Z', does: 'Undo' },
  { keys: 'Ctrl/⌘ + Shift + Z, Ctrl + Y', does: 'Redo' },
  { keys: 'Ctrl/⌘ + C, Ctrl/⌘ + V', does: 'Copy and paste steps (also into another automation)' },
  { keys: 'Ctrl/⌘ + D', does: 'Duplicate the selected steps' },
  { keys: 'Ctrl/⌘ + A', does: 'Select every step' },
  { keys: 'Shift + click, Shift + drag', does: 'Add to the selection, select with a box' },
  { keys: 'Delete, Backspace', does: 'Delete the selected steps' },
  { keys: 'F2', does: 'Rename the selected step' },
  { keys: 'Ctrl/⌘ + S', does: 'Save' },
  { keys: 'L', does: 'Tidy up (auto-layout)' },
  { keys: 'N', does: 'Add a sticky note' },
  { keys: 'F', does: 'Fit the graph in view' },
  { keys: '+, -', does: 'Zoom in, zoom out (the mouse wheel zooms at the pointer)' },
  { keys: 'M', does: 'Show or hide the minimap' },
  { keys: '[, ]', does: 'Show or hide the steps panel, the settings panel' },
  { keys: 'Escape', does: 'Clear the selection, close this help' },
];

@Component({
  selector: 'so-shortcuts-overlay',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'dialog',
    'aria-modal': 'true',
    'aria-labelledby': 'shortcuts-title',
    '(keydown.escape)': 'closed.emit()',
    '(click)': 'closed.emit()',
  },
  styles: [
    `
      :host {
        position: fixed;
        inset: 0;
        z-index: 100;
        display: grid;
        place-items: center;
        background: rgb(16 24 40 / 40%);
      }
      .sheet {
        background: #fff;
        border-radius: 12px;
        padding: 20px 24px;
        width: min(560px, 92vw);
        max-height: 86vh;
        overflow: auto;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-size: 14px;
      }
      th {
        text-align: left;
        white-space: nowrap;
        padding: 5px 12px 5px 0;
        vertical-align: top;
      }
      td {
        padding: 5px 0;
      }
      kbd {
        font: inherit;
        font-family: ui-monospace, monospace;
        font-size: 13px;
      }
      .close {
        float: right;
      }
    `,
  ],
  template: `
    <div class="sheet" (click)="$event.stopPropagation()">
      <button type="button" class="close" (click)="closed.emit()" #close>Close</button>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table>
        @for (s of shortcuts; track s.keys) {
          <tr>
            <th scope="row">
              <kbd>{{ s.keys }}</kbd>
            </th>
            <td>{{ s.does }}</td>
          </tr>
        }
      </table>
    </div>
  `,
})
export class ShortcutsOverlayComponent {
  readonly closed = output<void>();
  readonly shortcuts = SHORTCUTS;
}
