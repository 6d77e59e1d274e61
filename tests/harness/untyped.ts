/**
 * Data from outside the type system that assertions read field by field: a parsed `perp --json`
 * document, an indexer HTTP API response, a SQL row, a shared JSON test vector. Declaring each shape
 * here would restate the producer's types in every test, and the assertions are the check; so tests
 * name this one alias instead of writing `any`, and `any` stays an error everywhere else.
 */
// biome-ignore lint/suspicious/noExplicitAny: the single, documented escape for external data in tests (see above)
export type Untyped = any;
