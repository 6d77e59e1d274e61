/** Within one batch, the write that wins per key: the highest slot, and at equal slots the last delivered. */
export function latestPer<R extends { slot: bigint }>(rows: R[], key: (r: R) => string): R[] {
  const m = new Map<string, R>();
  for (const r of rows) {
    const k = key(r);
    const prev = m.get(k);
    if (!prev || r.slot >= prev.slot) m.set(k, r);
  }
  return [...m.values()];
}
