import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PostTemplate } from './post-template.entity';
import { PostTemplatesController } from './post-templates.controller';
import { PostTemplates } from './post-templates.service';

@Module({
  imports: [TypeOrmModule.forFeature([PostTemplate])],
  controllers: [PostTemplatesController],
  providers: [PostTemplates],
  exports: [PostTemplates],
})
export class PostTemplatesModule {}
