/**
 * `npm run bench:extras`: the read calls per declared E911 address (an office's, a user's) and
 * caller ID (issue 29), on a generated company of BENCH_EXTRAS_USERS users (default 1,000) in
 * BENCH_EXTRAS_OFFICES offices (default 10). Unthrottled: it counts requests, not time (at
 * Dialpad's 20 per second, each request is 50 ms).
 */
import { parseFixture } from '../src/emulator/index.js';
import { generateFixture } from './generate-fixture.js';
import { measureExtras } from './measure-extras.js';

function readNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

const users = readNumber('BENCH_EXTRAS_USERS', 1_000);
const offices = readNumber('BENCH_EXTRAS_OFFICES', 10);
const fixture = parseFixture(JSON.stringify(generateFixture({ users, offices })), `generated-${users}.json`);
process.stderr.write(`bench: ${users} users, ${offices} offices; the plan's read with each field declared on every office or user…\n`);
const rows = await measureExtras(fixture);
const table = [
  ['declared on every …', 'declared', 'read calls', 'extra', 'per declared'],
  ...rows.map((r) => [r.field === 'office_e911' ? 'office: e911' : r.field === 'user_e911' ? 'user: e911' : r.field === 'caller_id' ? 'user: caller_id' : 'nothing', r.declared, r.calls, r.extra, r.per_declared.toFixed(2)].map(String)),
];
const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
process.stdout.write(`${table.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n')}\n`);
