import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

interface TextPart {
  text: string;
  kind: 'plain' | 'tag' | 'link';
}

/** Hashtags, mentions and links; everything else stays one run of text, its spaces and line breaks untouched. */
const HIGHLIGHT = /((?<=^|\s)[#@][\p{L}\p{N}_]+|https?:\/\/\S+)/u;

export function textParts(text: string): TextPart[] {
  return text
    .split(HIGHLIGHT)
    .filter(Boolean)
    .map((part) => ({
      text: part,
      kind: /^[#@]/.test(part) ? 'tag' : /^https?:\/\//.test(part) ? 'link' : 'plain',
    }));
}

/**
 * A post's text as networks show it: line breaks kept, tags and links in the link colour. The
 * template has no whitespace between the runs, so the text reads exactly as typed.
 */
@Component({
  selector: 'so-preview-text',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'preview-text', '[class.clamped]': 'clamp()', '[class.inline]': 'inline()' },
  template: `@for (part of parts(); track $index) {
    <span [class]="'run-' + part.kind">{{ part.text }}</span>
  }`,
  styles: `
    :host {
      display: block;
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      line-height: 1.4;
    }
    :host(.inline) {
      display: inline;
    }
    :host(.clamped) {
      display: -webkit-box;
      -webkit-line-clamp: 3;
      -webkit-box-orient: vertical;
      overflow: hidden;
    }
    /* run-*: the app's global .tag (a status pill) must not reach a post's hashtags. */
    .run-tag,
    .run-link {
      color: var(--preview-link, #1d9bf0);
    }
  `,
})
export class PreviewTextComponent {
  readonly text = input.required<string>();
  /** Show the first three lines, as LinkedIn and Facebook do before "…see more". */
  readonly clamp = input(false);
  /** Within a line that has other words (Instagram's caption after the account's name). */
  readonly inline = input(false);
  readonly parts = computed(() => textParts(this.text()));
}
