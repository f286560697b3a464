import type { LibraryItem, MediaKind } from './media.types';

/** "1.4 MB", as people read sizes. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** "1:05" or "1:02:05". */
export function duration(seconds: number): string {
  const total = Math.round(seconds);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

export const KIND_LABELS: Record<MediaKind, string> = {
  image: 'Image',
  gif: 'GIF',
  video: 'Video',
  document: 'PDF',
};

/** One line about an item: "Image · 1080 × 1350 · 240 KB". */
export function summary(item: LibraryItem): string {
  const parts = [KIND_LABELS[item.kind]];
  if (item.width && item.height) parts.push(`${item.width} × ${item.height}`);
  if (item.durationSeconds) parts.push(duration(item.durationSeconds));
  if (item.pages) parts.push(`${item.pages} ${item.pages === 1 ? 'page' : 'pages'}`);
  parts.push(fileSize(item.bytes));
  return parts.join(' · ');
}
