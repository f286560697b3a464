import { Injectable, signal } from '@angular/core';

/**
 * How the workspace frame lays out its page. A page that needs the whole screen (the automation
 * editor's canvas) asks for it; the side navigation then shrinks to icons and the page loses its
 * width limit.
 */
@Injectable({ providedIn: 'root' })
export class ShellLayoutService {
  private readonly fullScreen = signal(false);
  readonly isFullScreen = this.fullScreen.asReadonly();

  /** Call with true when such a page opens, and false when it closes. */
  useFullScreen(on: boolean): void {
    this.fullScreen.set(on);
  }
}
