/**
 * Fault injection for /api/v2, driven by a seeded PRNG so a run is repeatable.
 *
 * Spec grammar (comma-separated `key=value`, every key optional):
 *   seed=INT          PRNG seed (default 1)
 *   rate=FLOAT        fraction of requests that get a fault, 0..1 (default 0.1)
 *   kinds=K+K+…       which faults to draw from, uniformly (default 500+503+429+reset+slow):
 *                     500, 503, 429   answer with that status and the error envelope
 *                     500_after,      for writes, apply the change, then answer 500/503 anyway (a
 *                     503_after       proxy or handler failing after the commit); reads get 500/503
 *                     reset           destroy the connection; for writes, before or after applying
 *                                     the change (drawn from the same PRNG)
 *                     reset_before    destroy the connection without applying the change
 *                     reset_after     apply the change, then destroy the connection
 *                     slow            answer normally after slow_ms
 *   slow_ms=INT       delay of `slow` (default 2000)
 *   fail=R+R+…        requests that always fail with 503, whatever `rate` draws (e.g. a list that breaks
 *                     part way, for good): each R is `METHOD:PATH` or `METHOD:PATH:paged`, the latter
 *                     matching only requests that carry a `cursor` (page 2 onward). Example:
 *                     `rate=0,fail=GET:/api/v2/users:paged`
 *   truncate=R+R+…    requests answered with an empty last page (`{}`, 200, no cursor) instead of their
 *                     own, whatever `rate` draws: a list that ends early and says nothing (R as in
 *                     `fail=`). Example: `rate=0,truncate=GET:/api/v2/users:paged`
 *   rename=F:G+…      every successful answer's record (the body, or each of its `items`) carries
 *                     field F under the name G instead: Dialpad changing a response shape. Example:
 *                     `rate=0,rename=license:license_type`
 */
import { UsageError } from '../errors.js';

export const FAULT_KINDS = ['500', '503', '429', '500_after', '503_after', 'reset', 'reset_before', 'reset_after', 'slow'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A request that always fails (`fail=` in the spec). */
export interface FailRule {
  method: string;
  path: string;
  /** Only requests with a `cursor`: the list's first page succeeds, later pages fail. */
  paged: boolean;
}

export interface FaultSpec {
  seed: number;
  rate: number;
  kinds: FaultKind[];
  slowMs: number;
  fail: FailRule[];
  truncate: FailRule[];
  /** Fields renamed in every successful answer's records (`rename=`). */
  rename: FieldRename[];
}

/** A field an answer's records carry under another name (`rename=from:to`). */
export interface FieldRename {
  from: string;
  to: string;
}

/** The request a fault is decided for. */
export interface FaultRequest {
  method: string;
  path: string;
  paged: boolean;
}

/**
 * What to do with one request. `reset_before`/`reset_after` are resolved from `reset` for writes;
 * `500_after`/`503_after` only ever come for writes (a read gets plain `500`/`503`).
 */
export type FaultDecision =
  | { kind: 'none' }
  | { kind: '500' | '503' | '429' }
  | { kind: '500_after' | '503_after' }
  | { kind: 'reset_before' | 'reset_after' }
  | { kind: 'slow'; ms: number }
  | { kind: 'empty_page' };

function invalid(spec: string, why: string): UsageError {
  return new UsageError(`invalid --faults "${spec}": ${why}`);
}

/** Parses a fault spec such as `seed=42,rate=0.1,kinds=500+503+reset,slow_ms=2000`. */
export function parseFaultSpec(spec: string): FaultSpec {
  const out: FaultSpec = { seed: 1, rate: 0.1, kinds: ['500', '503', '429', 'reset', 'slow'], slowMs: 2000, fail: [], truncate: [], rename: [] };
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [key, value, ...rest] = part.split('=');
    if (value === undefined || rest.length > 0) throw invalid(spec, `"${part}" is not key=value`);
    if (key === 'seed') {
      if (!/^\d+$/.test(value)) throw invalid(spec, 'seed must be a non-negative integer');
      out.seed = Number(value);
    } else if (key === 'rate') {
      const r = Number(value);
      if (value === '' || !Number.isFinite(r) || r < 0 || r > 1) throw invalid(spec, 'rate must be a number from 0 to 1');
      out.rate = r;
    } else if (key === 'kinds') {
      const kinds = value.split('+');
      const bad = kinds.filter((k) => !(FAULT_KINDS as readonly string[]).includes(k));
      if (bad.length > 0 || kinds.length === 0) throw invalid(spec, `unknown kind ${bad.join(', ')} (kinds: ${FAULT_KINDS.join(', ')})`);
      out.kinds = kinds as FaultKind[];
    } else if (key === 'slow_ms') {
      if (!/^\d+$/.test(value)) throw invalid(spec, 'slow_ms must be a non-negative integer');
      out.slowMs = Number(value);
    } else if (key === 'fail') {
      out.fail = value.split('+').map((rule) => parseFailRule(spec, rule));
    } else if (key === 'truncate') {
      out.truncate = value.split('+').map((rule) => parseFailRule(spec, rule));
    } else if (key === 'rename') {
      out.rename = value.split('+').map((pair) => parseRename(spec, pair));
    } else {
      throw invalid(spec, `unknown key "${key}" (keys: seed, rate, kinds, slow_ms, fail, truncate, rename)`);
    }
  }
  return out;
}

function parseFailRule(spec: string, rule: string): FailRule {
  const [method, path, flag, ...rest] = rule.split(':');
  if (!method || !/^[A-Z]+$/.test(method) || !path?.startsWith('/') || (flag !== undefined && flag !== 'paged') || rest.length > 0) {
    throw invalid(spec, `rule "${rule}" is not METHOD:PATH or METHOD:PATH:paged`);
  }
  return { method, path, paged: flag === 'paged' };
}

function parseRename(spec: string, pair: string): FieldRename {
  const [from, to, ...rest] = pair.split(':');
  const field = /^[A-Za-z_][A-Za-z0-9_]*$/;
  if (!from || !to || !field.test(from) || !field.test(to) || from === to || rest.length > 0) throw invalid(spec, `rename "${pair}" is not FIELD:OTHER_FIELD`);
  return { from, to };
}

/** `body` with `renames` applied to its record, or to each of its `items`; other bodies as they are. */
export function renameFields(body: unknown, renames: readonly FieldRename[]): unknown {
  if (renames.length === 0 || typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const record = body as Record<string, unknown>;
  const renamed = (r: unknown): unknown => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) return r;
    const out: Record<string, unknown> = { ...(r as Record<string, unknown>) };
    for (const { from, to } of renames) {
      if (!(from in out)) continue;
      out[to] = out[from];
      delete out[from];
    }
    return out;
  };
  return Array.isArray(record['items']) ? { ...record, items: record['items'].map(renamed) } : renamed(record);
}

/** mulberry32: small, fast, good enough for test repeatability. Also seeds generated fixtures. */
export function createPrng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws a fault per request; the same spec and request sequence give the same faults. */
export class FaultInjector {
  private readonly spec: FaultSpec;
  private readonly next: () => number;

  constructor(spec: FaultSpec) {
    this.spec = spec;
    this.next = createPrng(spec.seed);
  }

  /** A successful answer's body as the spec's `rename=` reshapes it. */
  reshape(body: unknown): unknown {
    return renameFields(body, this.spec.rename);
  }

  decide(request: FaultRequest): FaultDecision {
    const matches = (r: FailRule): boolean => r.method === request.method && r.path === request.path && (!r.paged || request.paged);
    if (this.spec.fail.some(matches)) return { kind: '503' };
    if (this.spec.truncate.some(matches)) return { kind: 'empty_page' };
    const isWrite = request.method !== 'GET';
    if (this.next() >= this.spec.rate) return { kind: 'none' };
    const kind = this.spec.kinds[Math.floor(this.next() * this.spec.kinds.length)] ?? 'none';
    switch (kind) {
      case '500':
      case '503':
      case '429':
        return { kind };
      case '500_after':
        return { kind: isWrite ? '500_after' : '500' };
      case '503_after':
        return { kind: isWrite ? '503_after' : '503' };
      case 'slow':
        return { kind: 'slow', ms: this.spec.slowMs };
      case 'reset':
        return { kind: isWrite && this.next() < 0.5 ? 'reset_after' : 'reset_before' };
      case 'reset_before':
        return { kind: 'reset_before' };
      case 'reset_after':
        return { kind: isWrite ? 'reset_after' : 'reset_before' };
      case 'none':
        return { kind: 'none' };
      default: {
        const _never: never = kind;
        return _never;
      }
    }
  }
}
