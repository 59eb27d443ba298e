/**
 * Pairs offices with more purchased licenses than config wants (surplus) with offices that want
 * more (deficit), per line type, into manual `transfer_licenses` operations; what no transfer can
 * bring is a manual purchase (`buy_licenses`), and a surplus no office takes a manual cancellation
 * (`cancel_licenses`), so a count config asks for is never left unsaid.
 */
import { LINE_TYPES } from '../model/tenant.js';
import type { Change } from '../diff/types.js';
import type { OfficeBook } from './office-refs.js';
import { operation } from './operations.js';
import type { Operation } from './types.js';

type LicenseChange = Extract<Change, { kind: 'office_licenses' }>;

/**
 * Deterministic pairing: deficits by office key; each takes from surpluses at the same price
 * level first, then from any other (those transfers are blocked by `price_level_mismatch`, which
 * tells the reviewer why), each group by office key.
 */
export function planTransfers(changes: LicenseChange[], book: OfficeBook): Operation[] {
  const operations: Operation[] = [];
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
    for (const s of surplus) {
      if (s.left === 0) continue;
      const desired = ofLine.find((c) => c.office === s.office)?.desired ?? 0;
      operations.push(
        operation.cancelLicenses({ line, count: s.left, office: book.ref(s.office), purchasedAfter: desired, source: book.desired(s.office)?.source ?? 'config' }),
      );
    }
  }
  return operations;
}
