import { ApiProperty } from '@nestjs/swagger';
import type { MediaKind } from '../connectors/network-limits';

export class MediaItemDto {
  @ApiProperty() id: string;
  @ApiProperty() fileName: string;
  @ApiProperty() kind: MediaKind;
  @ApiProperty() mimeType: string;
  @ApiProperty() bytes: number;
  @ApiProperty({ nullable: true }) width: number | null;
  @ApiProperty({ nullable: true }) height: number | null;
  @ApiProperty({ nullable: true }) durationSeconds: number | null;
  @ApiProperty({ nullable: true }) pages: number | null;
  @ApiProperty({ description: 'Signed, expiring URL of the file' }) url: string;
  @ApiProperty({ nullable: true }) thumbnailUrl: string | null;
  @ApiProperty({ nullable: true, description: 'The item this one was auto-fixed from' }) derivedFromId: string | null;
  @ApiProperty() createdAt: string;
}
