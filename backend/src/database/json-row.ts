import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * TypeORM's partial-entity type cannot follow `unknown` inside `simple-json` columns (graphs,
 * payloads): rows carrying free-form JSON are written through this.
 */
export const jsonRow = <T>(row: T) => row as QueryDeepPartialEntity<T>;
