import { ApiProperty } from '@nestjs/swagger';
import type { MediaKind } from '../connectors/network-limits';

export const MEDIA_KINDS: MediaKind[] = ['image', 'gif', 'video', 'document'];

export class MediaUploaderDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

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
  @ApiProperty({ type: String, nullable: true, description: 'The item this one was auto-fixed or edited from' })
  derivedFromId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Null: at the root of the library' })
  folderId: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ description: 'Starred for the whole workspace' }) favourite: boolean;
  @ApiProperty({ type: MediaUploaderDto, nullable: true, description: 'Null when the uploader left or is unknown' })
  uploadedBy: MediaUploaderDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
