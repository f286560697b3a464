import { ApiProperty } from '@nestjs/swagger';

export class PinterestSectionDto {
  @ApiProperty({ example: '4979913234256617024' }) id: string;
  @ApiProperty({ example: 'Pasta' }) name: string;
}

export class PinterestBoardDto {
  @ApiProperty({ example: '549755885175', description: 'What a pin variant takes as options.boardId' })
  id: string;
  @ApiProperty({ example: 'Weeknight dinners' }) name: string;
  @ApiProperty({ type: [PinterestSectionDto], description: 'What a pin variant may take as options.sectionId' })
  sections: PinterestSectionDto[];
}

export class PinterestBoardsDto {
  @ApiProperty({ type: [PinterestBoardDto] }) items: PinterestBoardDto[];
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the boards were last read from Pinterest (on connect or by a refresh)',
  })
  readAt: string | null;
}
