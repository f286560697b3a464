import { ApiProperty } from '@nestjs/swagger';
import { IsUrl, MaxLength } from 'class-validator';

export class LinkPreviewQueryDto {
  @ApiProperty({ format: 'uri', maxLength: 2048, example: 'https://example.com/launch' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) address' })
  @MaxLength(2048)
  url: string;
}

export class LinkPreviewDto {
  @ApiProperty({ description: 'The address asked for' }) url: string;
  @ApiProperty({ example: 'example.com', description: 'Its host, as link cards show it' }) domain: string;
  @ApiProperty({ type: String, nullable: true, description: 'og:title, or the page title' }) title: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'og:description, or the meta description' })
  description: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uri', description: 'og:image, made absolute' })
  image: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'og:site_name' }) siteName: string | null;
}
