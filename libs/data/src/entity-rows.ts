import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Rows of a raw statement (`tx.query`, keyed by column name) as instances of their entity, hydrated
 * the way TypeORM hydrates its own reads: each column under its property, through the driver
 * (timestamps to Date) and the column's transformer (`numeric` to number). For the statements kept
 * as SQL because the query builder does not express them cleanly (joined row locks, keyset pages,
 * guarded counters, upserts, set-based statements). Columns the row does not carry stay unset.
 *
 * `prefix` reads a joined entity out of the same rows: with `'e_'`, the column `url` is taken from
 * `e_url` (the statement selects `e.url AS e_url`), so two tables' `id` or `state` do not collide.
 */
export function entitiesFrom<T extends ObjectLiteral>(
  tx: EntityManager,
  target: EntityTarget<T>,
  rows: readonly Record<string, unknown>[],
  prefix = '',
): T[] {
  const metadata = tx.connection.getMetadata(target);
  const driver = tx.connection.driver;
  return rows.map((row) => {
    const entity = metadata.create() as T;
    for (const column of metadata.columns) {
      const key = prefix + column.databaseName;
      if (key in row) column.setEntityValue(entity, driver.prepareHydratedValue(row[key], column));
    }
    return entity;
  });
}

/** The one row a statement answers, as its entity, or null when it answers none. */
export function entityFrom<T extends ObjectLiteral>(tx: EntityManager, target: EntityTarget<T>, rows: readonly Record<string, unknown>[]): T | null {
  return rows.length > 0 ? entitiesFrom(tx, target, rows.slice(0, 1))[0] : null;
}

const columnLists = new WeakMap<object, Map<string, string>>();

/**
 * The entity's columns as a select list (`s.id, s.name, …`, or unqualified without `alias`): what a
 * prepared statement answers instead of `*` (see preparedQuery), in the shape entitiesFrom reads.
 * Built once per entity and alias.
 */
export function columnsOf(tx: EntityManager, target: EntityTarget<ObjectLiteral>, alias = ''): string {
  const metadata = tx.connection.getMetadata(target);
  let lists = columnLists.get(metadata);
  if (!lists) columnLists.set(metadata, (lists = new Map()));
  let list = lists.get(alias);
  if (list === undefined) {
    list = metadata.columns.map((column) => (alias ? `${alias}.${column.databaseName}` : column.databaseName)).join(', ');
    lists.set(alias, list);
  }
  return list;
}
