import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class MediaFolderDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null: at the root' }) parentId: string | null;
  @ApiProperty({ type: 'integer', description: 'Items directly in this folder' }) itemCount: number;
}

export class MediaFoldersDto {
  @ApiProperty({ type: [MediaFolderDto], description: 'Every folder of the workspace, by name' })
  items: MediaFolderDto[];
}

export class CreateMediaFolderDto {
  @ApiProperty({ minLength: 1, maxLength: 100 })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: 'Absent or null: at the root' })
  @IsOptional()
  @IsUUID('all')
  parentId?: string | null;
}

export class UpdateMediaFolderDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100 })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: 'null: move to the root' })
  @IsOptional()
  @IsUUID('all')
  parentId?: string | null;
}
