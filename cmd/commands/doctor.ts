import { loadOptionalConfig } from '../../src/config/index.js';
import type { RequestEvent } from '../../src/dialpad/index.js';
import { redactReport, renderDoctorJson, renderDoctorText } from '../../src/doctor/render-doctor.js';
import { runDoctor, type ObservedRequest } from '../../src/doctor/run-doctor.js';
import { EXIT } from '../../src/exit-codes.js';
import type { Io } from '../io.js';
import { openTarget, type ConnectionOptions } from '../target.js';

export interface DoctorCommandOptions extends ConnectionOptions {
  config?: string;
  format: 'text' | 'json';
  /** Commander's `--no-redact`: `false` shows names, emails and numbers. */
  redact: boolean;
}

/**
 * `dialform doctor`: a read-only preflight of a key and a company (GET requests only). Exit 0
 * when nothing blocks a first plan, 1 when something does (each named with advice). The config is
 * read only when there is one (for `--emulator`'s default fixture).
 */
export async function runDoctorCommand(opts: DoctorCommandOptions, io: Io): Promise<number> {
  const found = await loadOptionalConfig(io.cwd, opts.config);
  const events: ObservedRequest[] = [];
  const observe = (event: RequestEvent) => void events.push({ event, localTime: Date.now() });
  const target = await openTarget({ ...opts, observe }, io, found?.desired);
  try {
    const report = await runDoctor({ client: target.client, events, target: target.label, emulated: target.rehearsing, ...(opts.rateLimit === undefined ? {} : { rate: opts.rateLimit }) });
    const shown = opts.redact ? redactReport(report) : report;
    io.out(opts.format === 'json' ? renderDoctorJson(shown) : renderDoctorText(shown));
    return report.findings.some((f) => f.severity === 'error') ? EXIT.error : EXIT.ok;
  } finally {
    await target.close();
  }
}
