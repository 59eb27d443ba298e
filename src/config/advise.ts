import type { DesiredState } from '../model/tenant.js';

/**
 * Things a valid config leaves unsaid that limit what dialform can check, as
 * `file:LINE: warning: …` lines. Not errors: `validate` still exits 0.
 */
export function adviseConfig(desired: DesiredState): string[] {
  const advice: string[] = [];
  for (const office of desired.tenant.offices) {
    if (office.priceLevel === undefined) {
      advice.push(
        `${office.source ?? office.key}: warning: office "${office.key}" has no price_level. The API cannot show it ` +
          '(Company Settings › Billing does), and without it dialform cannot check that license transfers and ' +
          'international moves stay within one price level. Add price_level: <level>.',
      );
    }
  }
  return advice;
}
