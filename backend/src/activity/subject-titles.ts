import { FindOptionsSelect, FindOptionsWhere, In, ObjectLiteral, Repository } from 'typeorm';
import { inLists } from '../database/in-lists';
import type { SubjectTitles } from './activity.service';

interface Titled extends ObjectLiteral {
  id: string;
  workspaceId: string;
}

/**
 * Titles read from a context's own repository (handed over by that context): one query for a
 * page's ids, scoped to the workspace, selecting only what `title` reads.
 */
export function titlesFrom<T extends Titled>(
  repository: Repository<T>,
  columns: (keyof T & string)[],
  title: (row: T) => string,
): SubjectTitles {
  const select = Object.fromEntries(['id', ...columns].map((c) => [c, true])) as FindOptionsSelect<T>;
  return async (workspaceId, ids) => {
    const titles = new Map<string, string>();
    for (const chunk of inLists(ids)) {
      const where = { workspaceId, id: In(chunk) } as FindOptionsWhere<T>;
      for (const row of await repository.find({ select, where })) titles.set(row.id, title(row));
    }
    return titles;
  };
}
