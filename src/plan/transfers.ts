/**
 * Pairs offices with more purchased licenses than config wants (surplus) with offices that want
 * more (deficit), per line type, into manual `transfer_licenses` operations; what no transfer can
 * bring is a manual purchase (`buy_licenses`), so a count config asks for is never left unsaid.
 */
import { LINE_TYPES, type LineType } from '../model/tenant.js';
import type { Change } from '../diff/types.js';
import type { OfficeBook } from './office-refs.js';
import { operation } from './operations.js';
import { LINE_LABELS } from '../model/license-lines.js';
import type { Operation } from './types.js';
import { countOf } from './plural.js';

/** Licenses more than config asks for that no office takes: cancelling them is up to Dialpad (a warning). */
export interface UnbalancedLicenses {
  office: string;
  line: LineType;
  /** Negative: licenses to cancel. */
  missing: number;
  message: string;
}

type LicenseChange = Extract<Change, { kind: 'office_licenses' }>;

/**
 * Deterministic pairing: deficits by office key; each takes from surpluses at the same price
 * level first, then from any other (those transfers are blocked by `price_level_mismatch`, which
 * tells the reviewer why), each group by office key.
 */
export function planTransfers(changes: LicenseChange[], book: OfficeBook): { operations: Operation[]; unbalanced: UnbalancedLicenses[] } {
  const operations: Operation[] = [];
  const unbalanced: UnbalancedLicenses[] = [];
  for (const line of LINE_TYPES) {
    const ofLine = changes.filter((c) => c.line === line).sort((a, b) => (a.office < b.office ? -1 : 1));
    const surplus = ofLine.filter((c) => c.live > c.desired).map((c) => ({ office: c.office, left: c.live - c.desired }));
    const deficits = ofLine.filter((c) => c.desired > c.live);
    for (const deficit of deficits) {
      let need = deficit.desired - deficit.live;
      let purchased = deficit.live;
      const level = book.priceLevel(deficit.office);
      const sources = [
        ...surplus.filter((s) => book.priceLevel(s.office) === level),
        ...surplus.filter((s) => book.priceLevel(s.office) !== level),
      ];
      for (const source of sources) {
        if (need === 0) break;
        const count = Math.min(need, source.left);
        if (count === 0) continue;
        source.left -= count;
        need -= count;
        purchased += count;
        operations.push(
          operation.transferLicenses({
            line,
            count,
            from: book.ref(source.office),
            to: book.ref(deficit.office),
            toPurchasedAfter: purchased,
            source: book.desired(deficit.office)?.source ?? 'config',
          }),
        );
      }
      if (need > 0) {
        operations.push(
          operation.buyLicenses({ line, count: need, office: book.ref(deficit.office), purchasedAfter: deficit.desired, source: book.desired(deficit.office)?.source ?? 'config' }),
        );
      }
    }
    for (const s of surplus) if (s.left > 0) unbalanced.push(unbalancedEntry(book, s.office, line, -s.left));
  }
  return { operations, unbalanced };
}

function unbalancedEntry(book: OfficeBook, office: string, line: LineType, missing: number): UnbalancedLicenses {
  const name = book.ref(office).name;
  const label = LINE_LABELS[line];
  const where = book.desired(office)?.source;
  const message =
    `${name} has ${countOf(-missing, `${label} license`)} more than config asks for and no office takes them: dialform cannot cancel licenses. ` +
    `Contact Dialpad to cancel them, or raise licenses.${line} for ${office}${where === undefined ? '' : ` (${where})`}.`;
  return { office, line, missing, message };
}
