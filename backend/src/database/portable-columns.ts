import { QueryRunner, TableColumnOptions, TableForeignKeyOptions, TableIndexOptions } from 'typeorm';

/**
 * Column builders for migrations that resolve types through the running driver, exactly as the
 * entities' `type: String | Number | Date | 'simple-json'` do. One migration then runs unchanged on
 * SQLite, PostgreSQL and SQL Server, and matches the entities on each (the schema-diff test).
 */
export function portableColumns(queryRunner: QueryRunner) {
  const driver = queryRunner.connection.driver;
  const type = (t: TableColumnOptions['type'] | StringConstructor | NumberConstructor | DateConstructor) =>
    driver.normalizeType({ type: t as never });
  const { createDate, createDateDefault, updateDate, updateDateDefault } = driver.mappedDataTypes as unknown as Record<
    'createDate' | 'createDateDefault' | 'updateDate' | 'updateDateDefault',
    string
  >;

  return {
    id: (name = 'id'): TableColumnOptions => ({ name, type: type(String), length: '36', isPrimary: true }),
    ref: (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: type(String),
      length: '36',
      isNullable: nullable,
    }),
    string: (name: string, length: number, nullable = false): TableColumnOptions => ({
      name,
      type: type(String),
      length: String(length),
      isNullable: nullable,
    }),
    text: (name: string, nullable = false): TableColumnOptions => ({ name, type: type('text'), isNullable: nullable }),
    json: (name: string): TableColumnOptions => ({ name, type: type('simple-json') }),
    int: (name: string, defaultValue?: number): TableColumnOptions => ({
      name,
      type: type(Number),
      ...(defaultValue === undefined ? {} : { default: defaultValue }),
    }),
    timestamp: (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: type(Date),
      isNullable: nullable,
    }),
    createdAt: (): TableColumnOptions => ({ name: 'createdAt', type: createDate, default: createDateDefault }),
    updatedAt: (): TableColumnOptions => ({ name: 'updatedAt', type: updateDate, default: updateDateDefault }),
  };
}

export const foreignKey = (
  name: string,
  column: string,
  referencedTable: string,
  onDelete: 'CASCADE' | 'SET NULL' = 'CASCADE',
): TableForeignKeyOptions => ({
  name,
  columnNames: [column],
  referencedTableName: referencedTable,
  referencedColumnNames: ['id'],
  onDelete,
});

export const index = (name: string, columns: string[], unique = false): TableIndexOptions => ({
  name,
  columnNames: columns,
  isUnique: unique,
});
