/**
 * What `dialform doctor` found (docs/commands.md#dialform-doctor): plain data, rendered as text or
 * as one JSON document (`format_version` 1). Nothing in it holds the API key; people's names,
 * emails and numbers are masked by the renderer unless `--no-redact`.
 */
export interface DoctorReport {
  format_version: 1;
  /** Where it read: `https://dialpad.com` or `the embedded emulator` (never the key). */
  target: string;
  key: { works: boolean; company_admin: boolean | 'unknown' };
  company?: { name?: string; account_type?: string; plan_tier: string };
  offices: DoctorOffice[];
  users: { total: number; by_state: Record<string, number> };
  /** What a plan's read of this company costs at the rate limit (worst case: every office's licenses read). */
  plan_read?: { requests: number; seconds: number; rate_per_second: number; user_pages: number };
  clock?: { dialpad: string; local: string; skew_seconds: number };
  /** Rate-limit headers Dialpad sent (name → the latest value); empty when it sent none. */
  rate_limit_headers: Record<string, string>;
  shapes: ShapeReport[];
  assumptions: AssumptionCheck[];
  /** Reads that failed or were cut short. */
  incomplete: string[];
  findings: Finding[];
  /** Every request doctor made, by method and path (all GETs). */
  requests: number;
}

export interface DoctorOffice {
  id: string;
  name: string;
  country: string;
  /** Users of the office by state. */
  users: Record<string, number>;
}

/** How the records of one OpenAPI schema doctor read compare with the description. */
export interface ShapeReport {
  /** The OpenAPI schema, e.g. `schemas.user.UserProto`. */
  schema: string;
  records: number;
  /** Fields no description documents, with how many records carried each. */
  unknown_fields: Record<string, number>;
  /** Fields every record of the kind should carry (`ALWAYS_SENT`), with how many records lacked each. */
  missing_fields: Record<string, number>;
  /** Records whose fields dialform reads have the wrong type (at most a few, named). */
  invalid: string[];
}

/** A documented assumption of dialform (docs/fidelity.md) as this read bears on it. */
export interface AssumptionCheck {
  /** Stable id, named in docs/fidelity.md's "revealed by" column. */
  id: string;
  assumption: string;
  status: 'confirmed' | 'contradicted' | 'not_shown';
  detail: string;
}

/** Something to act on: an `error` blocks (doctor exits 1), a `warning` does not. */
export interface Finding {
  severity: 'error' | 'warning';
  code: FindingCode;
  message: string;
  advice: string;
}

export type FindingCode =
  | 'key_rejected'
  | 'key_not_company_admin'
  | 'read_failed'
  | 'read_incomplete'
  | 'response_shape'
  | 'unknown_fields'
  | 'clock_skew'
  | 'assumption_contradicted'
  | 'plan_tier';
