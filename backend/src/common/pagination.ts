import type { Type as Class } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { FindOptionsWhere, LessThan, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';

/** Query of every keyset-paginated list: the last id seen and a page size. */
export class PageQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsUUID()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const pageSchemas = new Map<Class<unknown>, Class<Page<unknown>>>();

/**
 * The OpenAPI schema of a page of `item`s (`AccountPage` for AccountDto): Swagger has no generics,
 * so one class per item type, made once.
 */
export function pageOf<T>(item: Class<T>): Class<Page<T>> {
  let page = pageSchemas.get(item);
  if (!page) {
    class PageSchema {
      items: T[];
      nextCursor: string | null;
    }
    ApiProperty({ type: [item] })(PageSchema.prototype, 'items');
    ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last' })(
      PageSchema.prototype,
      'nextCursor',
    );
    Object.defineProperty(PageSchema, 'name', { value: `${item.name.replace(/Dto$|View$/, '')}Page` });
    page = PageSchema as Class<Page<unknown>>;
    pageSchemas.set(item, page);
  }
  return page as Class<Page<T>>;
}

/**
 * Newest first, by time-ordered id. The cursor is the last id of the page, so inserts between
 * requests never shift or repeat rows.
 */
export async function findPage<E extends ObjectLiteral & { id: string }>(
  repository: Repository<E>,
  where: FindOptionsWhere<E>,
  query: PageQuery,
): Promise<Page<E>> {
  const limit = query.limit ?? 50;
  const rows = await repository.find({
    where: { ...where, ...(query.cursor ? { id: LessThan(query.cursor) } : {}) } as FindOptionsWhere<E>,
    order: { id: 'DESC' } as never,
    take: limit + 1,
  });
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}

/**
 * `findPage` for a list whose filters need a query builder (a subquery, a LIKE): the same cursor
 * and order, on the builder's main alias.
 */
export async function queryPage<E extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<E>,
  query: PageQuery,
): Promise<Page<E>> {
  const limit = query.limit ?? 50;
  if (query.cursor) qb.andWhere(`${qb.alias}.id < :cursor`, { cursor: query.cursor });
  const rows = await qb
    .orderBy(`${qb.alias}.id`, 'DESC')
    .take(limit + 1)
    .getMany();
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}

export const mapPage = <T, R>(page: Page<T>, map: (item: T) => R): Page<R> => ({
  items: page.items.map(map),
  nextCursor: page.nextCursor,
});
