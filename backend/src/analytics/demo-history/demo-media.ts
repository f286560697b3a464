import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { In, Repository } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { MediaItem } from '../../media/media-item.entity';
import { MediaLibrary } from '../../media/media-library.service';
import { MediaUploads } from '../../media/media-uploads.service';

/** The demo posts' pictures: plain brand-coloured squares, made in memory. */
const IMAGES = [
  { fileName: 'demo-latte.png', background: { r: 196, g: 154, b: 108 } },
  { fileName: 'demo-terrace.png', background: { r: 74, g: 124, b: 89 } },
  { fileName: 'demo-pastry.png', background: { r: 232, g: 190, b: 84 } },
];
const VIDEO = 'demo-pour.mp4';

/** The library items demo posts carry, by kind (no video where ffmpeg could not make one). */
export interface DemoMediaSet {
  image: string[];
  video: string[];
  /** What the Sandbox keeps of each (its kind and the signed URL publishing hands a network). */
  published: Map<string, { id: string; kind: string; url: string }>;
}

/**
 * The few media items the demo history's posts carry, uploaded once into the workspace's library
 * through the ordinary upload path (so they are real items with thumbnails) and found again by
 * file name on a second load.
 */
@Injectable()
export class DemoMedia {
  private readonly logger = new Logger(DemoMedia.name);

  constructor(
    @InjectRepository(MediaItem) private readonly items: Repository<MediaItem>,
    private readonly uploads: MediaUploads,
    private readonly library: MediaLibrary,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async ensure(workspaceId: string, userId: string): Promise<DemoMediaSet> {
    const names = [...IMAGES.map((i) => i.fileName), VIDEO];
    const found = await this.items.findBy({ workspaceId, fileName: In(names) });
    const idOf = (name: string) => found.find((item) => item.fileName === name)?.id;
    const dir = await mkdtemp(join(tmpdir(), 'demo-media-'));
    try {
      const image: string[] = [];
      for (const { fileName, background } of IMAGES) {
        const made = async () => {
          const png = await sharp({ create: { width: 1080, height: 1080, channels: 3, background } })
            .png()
            .toBuffer();
          return this.upload(workspaceId, userId, dir, fileName, png);
        };
        image.push(idOf(fileName) ?? (await made()));
      }
      const video = idOf(VIDEO) ?? (await this.video(workspaceId, userId, dir));
      const ids = video ? [...image, video] : image;
      const published = (await this.library.forPublishing(workspaceId, ids)).map(({ id, kind, url }) => ({
        id,
        kind,
        url,
      }));
      return { image, video: video ? [video] : [], published: new Map(published.map((m) => [m.id, m])) };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** A 2 s clip from the configured ffmpeg; without one the demo simply has no video posts. */
  private async video(workspaceId: string, userId: string, dir: string): Promise<string | null> {
    const path = join(dir, VIDEO);
    try {
      await promisify(execFile)(this.config.media.ffmpegPath, [
        ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=duration=2:size=640x360:rate=25'],
        ...['-pix_fmt', 'yuv420p', path],
      ]);
    } catch (error) {
      this.logger.warn(`demo video not made (${(error as Error).message}); the demo has no video posts`);
      return null;
    }
    const { size } = await stat(path);
    return (await this.uploads.upload(workspaceId, userId, { path, originalname: VIDEO, size })).id;
  }

  private async upload(workspaceId: string, userId: string, dir: string, fileName: string, bytes: Buffer) {
    const path = join(dir, fileName);
    await writeFile(path, bytes);
    return (await this.uploads.upload(workspaceId, userId, { path, originalname: fileName, size: bytes.length })).id;
  }
}
