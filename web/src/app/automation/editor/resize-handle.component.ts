import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';

/**
 * The bar between a side panel and the canvas: drag it, or focus it and use the arrow keys
 * (Shift for bigger steps), to change the panel's width.
 */
@Component({
  selector: 'so-resize-handle',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'separator',
    tabindex: '0',
    'aria-orientation': 'vertical',
    '[attr.aria-label]': 'label()',
    '[attr.aria-valuenow]': 'width()',
    '[attr.aria-valuemin]': 'min()',
    '[attr.aria-valuemax]': 'max()',
    '(pointerdown)': 'start($event)',
    '(keydown)': 'key($event)',
  },
  styles: [
    `
      :host {
        width: 8px;
        cursor: col-resize;
        touch-action: none;
        position: relative;
      }
      :host::after {
        content: '';
        position: absolute;
        inset: 0 3px;
        border-radius: 2px;
        background: transparent;
      }
      :host(:hover)::after,
      :host(:focus-visible)::after {
        background: #8ab4f8;
      }
    `,
  ],
  template: '',
})
export class ResizeHandleComponent {
  readonly width = model.required<number>();
  readonly label = input.required<string>();
  /** Which side of the canvas the panel is on: dragging towards the canvas widens it. */
  readonly side = input.required<'left' | 'right'>();
  readonly min = input(180);
  readonly max = input(600);

  private clamp(value: number): number {
    return Math.round(Math.min(this.max(), Math.max(this.min(), value)));
  }

  start(event: PointerEvent): void {
    event.preventDefault();
    const target = event.currentTarget as HTMLElement;
    target.setPointerCapture(event.pointerId);
    const from = event.clientX;
    const initial = this.width();
    const move = (e: PointerEvent) => {
      const delta = e.clientX - from;
      this.width.set(this.clamp(initial + (this.side() === 'left' ? delta : -delta)));
    };
    const stop = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', stop);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', stop);
  }

  key(event: KeyboardEvent): void {
    const step = event.shiftKey ? 60 : 20;
    const widen = this.side() === 'left' ? 'ArrowRight' : 'ArrowLeft';
    const narrow = this.side() === 'left' ? 'ArrowLeft' : 'ArrowRight';
    if (event.key === widen) this.width.set(this.clamp(this.width() + step));
    else if (event.key === narrow) this.width.set(this.clamp(this.width() - step));
    else return;
    event.preventDefault();
  }
}
