import type { Sql, TransactionSql } from "postgres";

/**
 * Drizzle runs every query it was not given a name for through `unsafe(…, { prepare: false })`,
 * and postgres.js sends an unprepared query that has parameters as Describe, waits for the
 * parameter types, then sends Bind/Execute: two round trips per statement, and PostgreSQL parses
 * and plans it every time. On this stack that was a quarter of a webhook's CPU in socket writes
 * alone (issue 12). Prepared, a repeated query is one round trip: postgres.js keeps one named
 * statement per query text and connection (the app's query shapes are few, and connections are
 * recycled by postgres.js's max_lifetime), and PostgreSQL's plan cache keeps a custom plan
 * wherever a generic one would cost more (plan_cache_mode auto). Parameterless queries still
 * go out as simple queries, so multi-statement migrations are unaffected.
 */
export function preparingStatements<T extends Sql | TransactionSql>(client: T): T {
  return new Proxy(client, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== "function") return value;
      if (key === "unsafe") {
        return (query: string, args?: unknown, options?: object) =>
          Array.isArray(args) || args === undefined
            ? target.unsafe(query, (args ?? []) as never, { ...options, prepare: true })
            : target.unsafe(query, [], { ...(args as object), prepare: true });
      }
      if (key === "begin" || key === "savepoint") {
        // Drizzle's transactions run on the client that begin/savepoint hands to the callback.
        return (...args: unknown[]) => {
          const work = args.pop() as (tx: TransactionSql) => unknown;
          return (value as (...rest: unknown[]) => unknown).apply(target, [...args, (tx: TransactionSql) => work(preparingStatements(tx))]);
        };
      }
      return (value as (...rest: unknown[]) => unknown).bind(target);
    },
  });
}
