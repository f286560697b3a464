import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';

/** Copies a text (an invite link, an API key) and says so, also to screen readers. */
@Component({
  selector: 'so-copy-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button type="button" class="small" (click)="copy()">{{ label() }}</button>
    <span class="copy-status" aria-live="polite">{{ status() }}</span>
  `,
})
export class CopyButtonComponent {
  readonly text = input.required<string>();
  readonly label = input('Copy');
  readonly status = signal('');
  private timer: ReturnType<typeof setTimeout> | undefined;

  async copy(): Promise<void> {
    const ok = await writeClipboard(this.text());
    this.status.set(ok ? 'Copied' : 'Copy failed: select the text and copy it');
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.status.set(''), 2500);
  }
}

/** The async Clipboard API exists only in secure contexts (https, localhost); plain http needs the old way. */
async function writeClipboard(text: string): Promise<boolean> {
  if (navigator.clipboard) {
    return navigator.clipboard.writeText(text).then(
      () => true,
      () => false,
    );
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
