/**
 * Bulk statements with the rows shipped as one JSON document:
 * `INSERT … SELECT (r->>0)::t0, (r->>1)::t1, … FROM jsonb_array_elements($1::jsonb) r`.
 * One statement and one bind parameter per batch, whatever its size — far below Postgres' and the
 * driver's bind-parameter ceilings — and about twice as fast as one array parameter per column
 * through the driver adapter (measured: 2,000-row batches, see bench/RESULTS.md).
 */
import type { Tx } from "../db/client";

export type ColType = "varchar" | "numeric" | "int4" | "int8" | "bytea" | "jsonb" | "bool" | "commitment";

export interface Col<R> {
  name: string;
  type: ColType;
  get: (r: R) => unknown;
}

export const col = <R>(name: string, type: ColType, get: (r: R) => unknown): Col<R> => ({ name, type, get });

function cell(type: ColType, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (type) {
    case "numeric":
    case "int8":
      return typeof v === "bigint" || typeof v === "number" ? v.toString() : String(v);
    case "bytea":
      return Buffer.from(v as Uint8Array).toString("hex");
    default:
      return v; // jsonb values are embedded as JSON, not as strings
  }
}

/** The rows as one JSON array of arrays (column order). */
export function rowsJson<R>(cols: Col<R>[], rows: R[]): string {
  return JSON.stringify(rows.map((r) => cols.map((c) => cell(c.type, c.get(r)))));
}

const q = (s: string) => `"${s}"`;

function extract(type: ColType, i: number): string {
  switch (type) {
    case "varchar":
      return `(r->>${i})`;
    case "bytea":
      return `decode(r->>${i}, 'hex')`;
    case "jsonb":
      return `(r->${i})::jsonb`;
    default:
      return `(r->>${i})::${type}`;
  }
}

/** `SELECT <typed columns> FROM jsonb_array_elements($first::jsonb) r`. */
export function unnestFrom<R>(cols: Col<R>[], first = 1): string {
  return `SELECT ${cols.map((c, i) => `${extract(c.type, i)} AS ${q(c.name)}`).join(", ")} FROM jsonb_array_elements($${first}::jsonb) r`;
}

export interface UpsertSpec<R> {
  table: string;
  cols: Col<R>[];
  conflict: string[];
  /** WHERE clause of DO UPDATE, over the table alias `t` and EXCLUDED; omitted = always update. */
  guard?: string;
  /** Column to return for rows actually inserted or updated. */
  returning?: string;
  touchUpdatedAt?: boolean;
}

/** Inserts or updates `rows`; returns the `returning` values of rows that were written. */
export async function upsert<R>(tx: Tx, spec: UpsertSpec<R>, rows: R[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const names = spec.cols.map((c) => q(c.name)).join(", ");
  const updates = spec.cols
    .filter((c) => !spec.conflict.includes(c.name))
    .map((c) => `${q(c.name)} = EXCLUDED.${q(c.name)}`)
    .concat(spec.touchUpdatedAt ? [`"updated_at" = now()`] : []);
  const sql =
    `INSERT INTO ${q(spec.table)} AS t (${names}) ${unnestFrom(spec.cols)} ` +
    `ON CONFLICT (${spec.conflict.map(q).join(", ")}) ` +
    (updates.length
      ? `DO UPDATE SET ${updates.join(", ")}${spec.guard ? ` WHERE ${spec.guard}` : ""}`
      : "DO NOTHING") +
    (spec.returning ? ` RETURNING t.${q(spec.returning)} AS "k"` : "");
  const json = rowsJson(spec.cols, rows);
  if (!spec.returning) {
    await tx.$executeRawUnsafe(sql, json);
    return [];
  }
  const out = await tx.$queryRawUnsafe<{ k: string }[]>(sql, json);
  return out.map((r) => String(r.k));
}

/** Inserts `rows`, ignoring rows whose key already exists. Returns the number inserted. */
export async function insertIgnore<R>(tx: Tx, table: string, cols: Col<R>[], rows: R[]): Promise<number> {
  if (rows.length === 0) return 0;
  const sql = `INSERT INTO ${q(table)} (${cols.map((c) => q(c.name)).join(", ")}) ${unnestFrom(cols)} ON CONFLICT DO NOTHING`;
  return tx.$executeRawUnsafe(sql, rowsJson(cols, rows));
}

/** Inserts `rows`, ignoring rows whose key already exists. Returns `returning` of the rows inserted. */
export async function insertIgnoreReturning<R>(
  tx: Tx,
  table: string,
  cols: Col<R>[],
  rows: R[],
  returning: string,
): Promise<string[]> {
  if (rows.length === 0) return [];
  const sql = `INSERT INTO ${q(table)} (${cols.map((c) => q(c.name)).join(", ")}) ${unnestFrom(cols)} ON CONFLICT DO NOTHING RETURNING ${q(returning)} AS "k"`;
  const out = await tx.$queryRawUnsafe<{ k: string }[]>(sql, rowsJson(cols, rows));
  return out.map((r) => String(r.k));
}

/** Slot guard for mirrored accounts: a newer slot wins; at the same slot, different bytes win (last delivered). */
export const SLOT_GUARD = `t."slot" < EXCLUDED."slot" OR (t."slot" = EXCLUDED."slot" AND t."data_hash" <> EXCLUDED."data_hash")`;
