import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { type CropperPosition, type ImageCroppedEvent, ImageCropperComponent } from 'ngx-image-cropper';
import { problemText } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { BannerComponent } from '../shared/banner.component';
import { IconComponent } from '../shared/icon.component';
import { aspectParts, cropRect, type Rect } from './crop-geometry';
import { MediaApi } from './media.api';
import type { AspectRatios, CropAspect, EditOperation, LibraryItem, WatermarkPosition } from './media.types';

const FALLBACK_ASPECTS: CropAspect[] = ['9:16', '2:3', '4:5', '1:1', '16:9', '1.91:1'];
const POSITIONS: { value: WatermarkPosition; label: string }[] = [
  { value: 'bottom-right', label: 'Bottom right' },
  { value: 'bottom-left', label: 'Bottom left' },
  { value: 'top-right', label: 'Top right' },
  { value: 'top-left', label: 'Top left' },
  { value: 'center', label: 'Centre' },
];

/** 'none': keep the whole image; 'free': any rectangle; else a fixed ratio. */
type CropChoice = 'none' | 'free' | CropAspect;

/**
 * Edits an image into a new library item (the original stays): rotate, then crop (free or to a
 * network's ratio), then resize, then watermark (text or the workspace's logo) — the order the
 * server applies the steps in.
 */
@Component({
  selector: 'so-media-editor',
  imports: [FormsModule, ImageCropperComponent, BannerComponent, IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <so-banner [message]="error()" />
    <div class="editor">
      <div class="stage">
        @if (crop() === 'none') {
          <img [src]="item().url" [alt]="item().fileName" [style.transform]="'rotate(' + turns() * 90 + 'deg)'" />
        } @else {
          <image-cropper
            [imageURL]="item().url"
            [imageAltText]="item().fileName"
            [maintainAspectRatio]="crop() !== 'free'"
            [aspectRatio]="ratio()"
            [canvasRotation]="turns()"
            cropperFrameAriaLabel="Crop frame: arrow keys move it"
            output="base64"
            [resizeToWidth]="48"
            (imageCropped)="cropped($event)"
            (loadImageFailed)="error.set('This image cannot be shown in the editor.')"
          />
        }
      </div>
      <form class="tools" (ngSubmit)="save()">
        <fieldset>
          <legend>Rotate</legend>
          <div class="button-row">
            <button type="button" class="small" (click)="rotate(3)"><so-icon name="rotate-left" /> Rotate left</button>
            <button type="button" class="small" (click)="rotate(1)">
              <so-icon name="rotate-right" /> Rotate right
            </button>
          </div>
        </fieldset>

        <!-- Shown once the networks' ratios are in, so no option changes its name under the pointer. -->
        @if (ratios() === undefined) {
          <p class="muted small" role="status">Loading the crop sizes…</p>
        } @else {
          <label for="edit-crop">Crop</label>
          <select id="edit-crop" name="crop" [ngModel]="crop()" (ngModelChange)="crop.set($event)">
            <option value="none">No crop</option>
            <option value="free">Free</option>
            @for (a of aspects(); track a.aspect) {
              <option [value]="a.aspect">{{ a.aspect }}{{ a.fits ? ' — ' + a.fits : '' }}</option>
            }
          </select>
        }

        <fieldset>
          <legend>Resize (pixels)</legend>
          <div class="pair">
            <label for="edit-width">Width</label>
            <input
              id="edit-width"
              name="width"
              type="number"
              min="1"
              max="8192"
              [(ngModel)]="width"
              [placeholder]="size().width"
            />
            <label for="edit-height">Height</label>
            <input
              id="edit-height"
              name="height"
              type="number"
              min="1"
              max="8192"
              [(ngModel)]="height"
              placeholder="in proportion"
            />
          </div>
        </fieldset>

        <fieldset>
          <legend>Watermark</legend>
          <label for="edit-watermark-text">Text</label>
          <input
            id="edit-watermark-text"
            name="watermarkText"
            [(ngModel)]="watermarkText"
            maxlength="100"
            placeholder="© Your brand"
          />
          <label class="check">
            <input type="checkbox" name="logo" [(ngModel)]="watermarkLogo" [disabled]="!hasLogo()" />
            Workspace logo
            @if (!hasLogo()) {
              <span class="muted small">(set one in Settings)</span>
            }
          </label>
          <label for="edit-position">Position</label>
          <select id="edit-position" name="position" [(ngModel)]="position">
            @for (p of positions; track p.value) {
              <option [value]="p.value">{{ p.label }}</option>
            }
          </select>
          <label for="edit-opacity">Opacity {{ opacityPercent() }}%</label>
          <input id="edit-opacity" name="opacity" type="range" min="0.1" max="1" step="0.05" [(ngModel)]="opacity" />
        </fieldset>

        <p class="muted small" data-testid="edit-result">Result: {{ resultText() }}</p>
        <div class="actions">
          <button type="button" (click)="cancelled.emit()">Cancel</button>
          <button type="submit" class="primary" [disabled]="busy()">
            {{ busy() ? 'Saving…' : 'Save as a new copy' }}
          </button>
        </div>
      </form>
    </div>
  `,
  styles: `
    .editor {
      display: grid;
      grid-template-columns: minmax(0, 3fr) minmax(16rem, 2fr);
      gap: 1.2rem;
    }
    @media (max-width: 900px) {
      .editor {
        grid-template-columns: 1fr;
      }
    }
    .stage {
      display: grid;
      place-items: center;
      background: var(--bg);
      border-radius: var(--radius);
      min-height: 16rem;
      max-height: 70vh;
      overflow: hidden;
    }
    .stage img {
      max-width: 100%;
      max-height: 60vh;
    }
    image-cropper {
      max-height: 60vh;
      --cropper-overlay-color: var(--bg);
      --cropper-outline-color: rgba(15, 23, 42, 0.45);
    }
    fieldset {
      margin-top: 0.8rem;
    }
    legend {
      font-weight: 600;
      margin-bottom: 0.3rem;
    }
    .pair {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.3rem 0.6rem;
      align-items: center;
    }
    .pair label {
      margin: 0;
      font-weight: 500;
    }
  `,
})
export class MediaEditorComponent implements OnInit {
  private readonly api = inject(MediaApi);
  private readonly workspaces = inject(WorkspaceService);
  readonly item = input.required<LibraryItem>();
  readonly created = output<LibraryItem>();
  readonly cancelled = output<void>();
  readonly positions = POSITIONS;
  readonly error = signal<string | null>(null);
  readonly busy = signal(false);
  readonly crop = signal<CropChoice>('none');
  /** Quarter turns clockwise, 0–3. */
  readonly turns = signal(0);
  /** The cropper's frame in pixels of the rotated image, as it last reported it. */
  readonly framePosition = signal<CropperPosition | null>(null);
  /** undefined while loading; null when they could not be read (every crop is still offered). */
  readonly ratios = signal<AspectRatios | null | undefined>(undefined);
  readonly hasLogo = computed(() => !!this.workspaces.current()?.branding.logoUrl);
  width: number | null = null;
  height: number | null = null;
  watermarkText = '';
  watermarkLogo = false;
  position: WatermarkPosition = 'bottom-right';
  opacity = 0.6;

  /** Each crop the editor offers, with the networks whose image rule it fits. */
  readonly aspects = computed(() => {
    const ratios = this.ratios();
    const list = ratios?.aspects.map((a) => a.aspect) ?? FALLBACK_ASPECTS;
    return list.map((aspect) => ({
      aspect,
      fits: (ratios?.networks ?? [])
        .filter((n) => n.aspects.includes(aspect))
        .map((n) => n.label)
        .join(', '),
    }));
  });

  readonly ratio = computed(() => {
    const crop = this.crop();
    if (crop === 'none' || crop === 'free') return 1;
    const [a, b] = aspectParts(crop);
    return a / b;
  });

  /** The image's size after rotating. */
  readonly rotated = computed(() => {
    const { width, height } = { width: this.item().width ?? 0, height: this.item().height ?? 0 };
    return this.turns() % 2 ? { width: height, height: width } : { width, height };
  });

  /** The crop frame in whole pixels of the rotated image; null until the cropper is ready. */
  readonly frame = computed<Rect | null>(() => {
    const [position, crop] = [this.framePosition(), this.crop()];
    if (!position || crop === 'none') return null;
    return cropRect(position, this.rotated(), crop === 'free' ? null : crop);
  });

  /** …and cropping. */
  readonly size = computed(() => {
    const frame = this.crop() === 'none' ? null : this.frame();
    return frame ? { width: frame.width, height: frame.height } : this.rotated();
  });

  readonly opacityPercent = () => Math.round(this.opacity * 100);

  async ngOnInit(): Promise<void> {
    // Without the list the editor still offers every crop, only not which networks each fits.
    this.ratios.set(await this.api.aspectRatios().catch(() => null));
  }

  /**
   * The cropper's report after each move, with the frame in pixels of the image (its own preview,
   * shrunk to a thumbnail's width so it costs little, is not used). Taken in a task of its own, as a
   * copy: taken at once, the editor sometimes kept the uncropped size in Chromium.
   */
  cropped(event: ImageCroppedEvent): void {
    const position = { ...event.imagePosition };
    setTimeout(() => this.framePosition.set(position));
  }

  rotate(quarter: 1 | 3): void {
    this.turns.update((t) => (t + quarter) % 4);
  }

  resultText(): string {
    const { width, height } = this.size();
    if (this.width) {
      const h = this.height ?? (width ? Math.round((height * this.width) / width) : 0);
      return `${this.width} × ${h} pixels`;
    }
    return `${width} × ${height} pixels`;
  }

  async save(): Promise<void> {
    const operations = this.operations();
    if (!operations.length) {
      this.error.set('Choose a change first: rotate, crop, resize or a watermark.');
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      this.created.emit(await this.api.edit(this.item().id, operations));
    } catch (error) {
      this.error.set(problemText(error));
    } finally {
      this.busy.set(false);
    }
  }

  private operations(): EditOperation[] {
    const ops: EditOperation[] = [];
    if (this.turns()) ops.push({ op: 'rotate', degrees: (this.turns() * 90) as 90 | 180 | 270 });
    const frame = this.crop() === 'none' ? null : this.frame();
    if (frame) ops.push({ op: 'crop', ...frame });
    if (this.width) ops.push({ op: 'resize', width: this.width, ...(this.height ? { height: this.height } : {}) });
    const text = this.watermarkText.trim();
    if (text || this.watermarkLogo) {
      ops.push({
        op: 'watermark',
        ...(text ? { text } : {}),
        ...(this.watermarkLogo ? { logo: true } : {}),
        position: this.position,
        opacity: Number(this.opacity),
      });
    }
    return ops;
  }
}
