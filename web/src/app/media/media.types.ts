/** Shapes of the media library's API (`/api/v1/media`, `/api/v1/media-folders`, `/api/v1/media-tags`). */
import type { PostState } from '../core/api.types';

export type MediaKind = 'image' | 'video' | 'gif' | 'document';

export interface LibraryItem {
  id: string;
  fileName: string;
  kind: MediaKind;
  mimeType: string;
  bytes: number;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
  pages: number | null;
  /** Signed, expiring address of the file. */
  url: string;
  thumbnailUrl: string | null;
  folderId: string | null;
  tags: string[];
  favourite: boolean;
  uploadedBy: { id: string; name: string } | null;
  /** The item this one was edited or fixed from (the original is kept). */
  derivedFromId: string | null;
  createdAt: string;
}

/** A post that uses an item; a scheduled one keeps the item from being deleted. */
export interface MediaUsage {
  postId: string;
  excerpt: string;
  state: PostState;
  scheduledAt: string | null;
}

export interface LibraryItemDetail extends LibraryItem {
  usage: MediaUsage[];
}

export interface MediaFolder {
  id: string;
  name: string;
  /** null: at the top of the library. */
  parentId: string | null;
  /** Items directly in it. */
  itemCount: number;
}

export interface TagCount {
  tag: string;
  count: number;
}

/** The library's search: every field optional; `folderId: 'root'` is "not in a folder". */
export interface MediaFilter {
  q?: string;
  tag?: string;
  kind?: MediaKind;
  uploadedBy?: string;
  from?: string;
  to?: string;
  folderId?: string;
  favourite?: boolean;
}

export interface MediaPatch {
  fileName?: string;
  folderId?: string | null;
  tags?: string[];
  favourite?: boolean;
}

export type CropAspect = '1:1' | '4:5' | '1.91:1' | '9:16' | '16:9' | '2:3';
export type WatermarkPosition = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right' | 'center';

export type EditOperation =
  | { op: 'crop'; aspect?: CropAspect; x?: number; y?: number; width?: number; height?: number }
  | { op: 'resize'; width: number; height?: number }
  | { op: 'rotate'; degrees: 90 | 180 | 270 }
  | { op: 'watermark'; text?: string; logo?: boolean; position: WatermarkPosition; opacity: number };

/** The crops the editor offers, and which networks' image rules each fits (`GET /api/v1/media/aspect-ratios`). */
export interface AspectRatios {
  aspects: { aspect: CropAspect; ratio: number }[];
  /** Networks whose image rule limits the ratio; the others take any of the crops. */
  networks: { network: string; label: string; min: number; max: number; aspects: CropAspect[] }[];
}
