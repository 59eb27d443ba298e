/**
 * What `import --with` may add to a read: each costs a request per office or user (`e911`,
 * `caller_id`) or per room (`deskphones`, written as comments: never managed).
 * No imports, so the CLI reads the list without loading the import command (`cmd/program.ts`).
 */
export const IMPORT_EXTRAS = ['e911', 'caller_id', 'deskphones'] as const;
export type ImportExtra = (typeof IMPORT_EXTRAS)[number];
