import { ApiProperty } from '@nestjs/swagger';
import type { MediaKind } from '../connectors/network-limits';

const MEDIA_KINDS: MediaKind[] = ['image', 'gif', 'video', 'document'];

export class MediaItemDto {
  @ApiProperty() id: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: MEDIA_KINDS }) kind: MediaKind;
  @ApiProperty() mimeType: string;
  @ApiProperty({ type: 'integer' }) bytes: number;
  @ApiProperty({ type: 'integer', nullable: true }) width: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) height: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Videos' }) durationSeconds: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Documents' }) pages: number | null;
  @ApiProperty({ description: 'Signed, expiring URL of the file' }) url: string;
  @ApiProperty({ type: String, nullable: true }) thumbnailUrl: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The item this one was auto-fixed from' })
  derivedFromId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
