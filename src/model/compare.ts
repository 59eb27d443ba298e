/**
 * Code-unit string order: the same on every machine and locale (unlike `localeCompare`), so
 * everything dialform sorts — model lists, plans, written files — comes out identically everywhere.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
