/**
 * A person's phone settings that `PATCH /api/v2/users/{id}` takes and the user read returns
 * (`UpdateUserMessage`, `UserProto`). Config, model, patch and API share these field names, so
 * the list below is the one home of the mapping.
 *
 * Desired side: only the keys config writes (absent = left as it is). Live side: what the user
 * read brought (`null` reads as absent).
 */
import { isValidE164 } from './countries.js';

export interface PhoneSettings {
  /** The extension in the company or office IVR directory. */
  extension?: string;
  /** E.164 numbers rung besides the user's Dialpad numbers, in order. */
  forwarding_numbers?: string[];
  /** Whether the user may dial internationally (a toll-fraud control). */
  international_dialing_enabled?: boolean;
  job_title?: string;
}

export const PHONE_SETTING_KEYS = ['extension', 'forwarding_numbers', 'international_dialing_enabled', 'job_title'] as const;
export type PhoneSettingKey = (typeof PHONE_SETTING_KEYS)[number];

/** One setting's change, as `UserField` carries it. */
export type PhoneSettingChange = {
  [K in PhoneSettingKey]: { field: K; from: PhoneSettings[K] | null; to: Exclude<PhoneSettings[K], undefined> };
}[PhoneSettingKey];

/** The settings `raw` writes, in the model's shape (`undefined` when it writes none). */
export function pickPhoneSettings(raw: Partial<Record<PhoneSettingKey, unknown>>): PhoneSettings | undefined {
  const out: Record<string, unknown> = {};
  for (const key of PHONE_SETTING_KEYS) {
    const v = raw[key];
    if (v === undefined || v === null) continue;
    out[key] = Array.isArray(v) ? v.map(String) : v;
  }
  return Object.keys(out).length === 0 ? undefined : (out as PhoneSettings);
}

function isSame(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The declared settings that differ from live. A live value that was not read counts as the
 * empty one of its type: an absent extension or job title is `''`, no forwarding numbers `[]`;
 * international dialing absent is `null` (unknown), so any declared value is written.
 */
export function diffPhoneSettings(desired: PhoneSettings | undefined, live: PhoneSettings | undefined): PhoneSettingChange[] {
  const changes: PhoneSettingChange[] = [];
  const l = live ?? {};
  for (const key of PHONE_SETTING_KEYS) {
    const to = desired?.[key];
    if (to === undefined) continue;
    const from = l[key];
    const empty = key === 'forwarding_numbers' ? [] : key === 'international_dialing_enabled' ? undefined : '';
    if (isSame(to, from ?? empty)) continue;
    changes.push({ field: key, from: from ?? null, to } as PhoneSettingChange);
  }
  return changes;
}

/**
 * The live settings a config may write as they are (what `import` writes): a value config's
 * schema or rules would refuse (an extension not all digits, a title of two lines, a forwarding
 * number libphonenumber rejects) is left out, so left as it is, rather than making the imported
 * config invalid.
 */
export function pickImportableSettings(live: PhoneSettings | undefined): PhoneSettings | undefined {
  if (live === undefined) return undefined;
  const out: PhoneSettings = {};
  if (live.extension !== undefined && /^[0-9]{1,10}$/.test(live.extension)) out.extension = live.extension;
  if (live.job_title !== undefined && live.job_title !== '' && /^[^\r\n]{1,255}$/.test(live.job_title)) out.job_title = live.job_title;
  const forwarding = live.forwarding_numbers;
  if (forwarding !== undefined && forwarding.every(isValidE164) && new Set(forwarding).size === forwarding.length) out.forwarding_numbers = [...forwarding];
  if (live.international_dialing_enabled !== undefined) out.international_dialing_enabled = live.international_dialing_enabled;
  return Object.keys(out).length === 0 ? undefined : out;
}
