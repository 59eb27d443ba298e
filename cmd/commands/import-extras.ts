/** What `import --with` may add to a read: each costs a request per office or user that has one. */
export const IMPORT_EXTRAS = ['e911'] as const;
export type ImportExtra = (typeof IMPORT_EXTRAS)[number];
