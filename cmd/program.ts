import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../src/errors.js';
import { EXIT, type ExitCode } from '../src/exit-codes.js';
import { LIFECYCLE_OWNERS, LINE_TYPES } from '../src/model/tenant.js';
import { readPackageVersion } from '../src/package-root.js';
import { renderError } from '../src/render/error.js';
import type { StepRequest } from './commands/emulator-do.js';
import { STATUS_VIEWS } from '../src/status/render-status.js';
import { IMPORT_EXTRAS, type ImportExtra } from '../src/import/import-extras.js';
import { readCommandTree } from './completion/command-tree.js';
import { renderCompletion, SHELLS, type Shell } from './completion/render-completion.js';
import type { Io } from './io.js';

const FORMATS = ['text', 'markdown', 'json'];
/** Formats of commands whose output is a result, not a plan. */
const RESULT_FORMATS = ['text', 'json'];

/** Options every command that reads the config and talks to Dialpad shares. */
function addConnectionOptions(command: Command): Command {
  return command
    .option('-c, --config <path>', 'config file or directory (default: ./dialform.yaml, else ./dialform/)')
    .addOption(new Option('--api-url <url>', 'Dialpad API base URL (default: https://dialpad.com)').env('DIALPAD_API_URL'))
    .option('--api-key-file <file>', 'read the API key from this file instead of DIALPAD_API_KEY')
    .option('--emulator [fixture]', 'run against the embedded emulator (state in .dialform/emulator-state.json)')
    .option('--emulator-reset', 're-seed the embedded emulator from its fixture')
    .addOption(new Option('--rate-limit <rps>', 'API requests per second (Dialpad allows 20)').argParser(parsePositive))
    .addOption(
      new Option('--request-timeout <seconds>', 'longest an API request may take, first byte sent to last byte read (default: 60)')
        .env('DIALFORM_REQUEST_TIMEOUT')
        .argParser(parsePositive),
    )
    .option('-v, --verbose', 'log every API request (method, path, status, time) to stderr');
}

/**
 * Builds the command tree; `setCode` records the exit code an action decided. Each action imports
 * its command module when it runs, so a command loads only what it uses (`--version` and `--help`
 * load none; `validate` no HTTP client, emulator or planner).
 */
export function buildProgram(io: Io, setCode: (code: number) => void): Command {
  const program = new Command('dialform')
    .description('Manage a Dialpad company as code: plan and apply offices, users, licenses and numbers from YAML.')
    .version(readPackageVersion())
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    // Commander's own errors (unknown option, bad argument) are usage errors, named as every error is.
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (text, write) => write(text.replace(/^error: /, 'error usage: ')) });

  program
    .command('validate')
    .description('check the config files and report every problem as file:line:col')
    .option('-c, --config <path>', 'config file or directory (default: ./dialform.yaml, else ./dialform/)')
    .option('--emulator [fixture]', 'also check the emulator fixture (default: the config’s emulator.fixture)')
    .addOption(new Option('--format <format>', 'output format').choices(RESULT_FORMATS).default('text'))
    .action(async (opts) => setCode(await (await import('./commands/validate.js')).runValidate(opts, io)));

  addConnectionOptions(
    program
      .command('plan')
      .description('show what apply would change, checked against Dialpad’s rules')
      .option('--out <file>', 'also write the plan as JSON to FILE, for `apply FILE`')
      .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
      .option('--detailed-exitcode', 'exit 2 when there are changes (0 when none)')
      .option('--redact', 'mask emails, phone numbers and people’s names (to initials) in the output')
      .option('--base <ref>', 'git revision of the config to compare analytics and proxy grants against (without a confirmations file)')
      .option('--journal <file>', 'the apply journal to read restores apply waited for from (read only)', '.dialform/journal.jsonl')
      .option('--changed <file>', 'a file listing the changed paths (git diff --name-only): append which offices the plan touches, with their owners, and the operations reaching outside what the changed files own')
      .option('--scope <office:key>', 'plan only what concerns this office (repeatable; not with --out: a scoped plan is never applied)', collect, [])
      .option('--no-color', 'no colours'),
  ).action(async (opts) => setCode(await (await import('./commands/plan.js')).runPlan(opts, io)));

  addConnectionOptions(
    program
      .command('apply')
      .description('make Dialpad match the config (or apply a saved plan FILE)')
      .argument('[file]', 'a plan written by `plan --out`')
      .option('--auto-approve', 'do not ask for confirmation (required when not on a terminal)')
      .option('--journal <file>', 'where apply records each operation’s outcome', '.dialform/journal.jsonl')
      .option('--allow-older-config', 'apply a config whose git commit is older than the one last applied')
      .addOption(new Option('--format <format>', 'json: the plan and progress go to stderr, and stdout gets one JSON document (the outcome, or the error)').choices(RESULT_FORMATS).default('text'))
      .option('--expect-fingerprint <sha256>', 'apply only the plan with this fingerprint (the reviewed one); otherwise write nothing and fail with plan_changed')
      .option('--out <file>', 'with --expect-fingerprint: write the fresh plan as JSON to FILE when it is not the reviewed one')
      .option('--redact', 'mask emails, phone numbers, people’s names and addresses in what apply prints (not in the journal)')
      .option('--no-color', 'no colours'),
  ).action(async (file, opts) => setCode(await (await import('./commands/apply.js')).runApply(file, opts, io)));

  program
    .command('confirm')
    .description('record that manual analytics or proxy steps (which no API shows) are done in Dialpad')
    .argument('[step...]', 'a step as plans and apply name it (grant_analytics), or one user of it (grant_analytics:ada@acme.com); none: list the steps waiting')
    .option('-c, --config <path>', 'config file or directory (default: ./dialform.yaml, else ./dialform/)')
    .action(async (steps, opts) => setCode(await (await import('./commands/confirm.js')).runConfirm(steps, opts, io)));

  program
    .command('codeowners')
    .description('write the CODEOWNERS lines that make each config file’s owners its reviewers')
    .option('-c, --config <path>', 'config file or directory (default: ./dialform.yaml, else ./dialform/)')
    .option('--file <path>', 'the CODEOWNERS file (default: the one GitHub reads: .github/CODEOWNERS, CODEOWNERS or docs/CODEOWNERS)')
    .option('--check', 'write nothing; fail with codeowners_stale when the file is not current (for CI)')
    .action(async (opts) => setCode(await (await import('./commands/codeowners.js')).runCodeowners(opts, io)));

  program
    .command('show')
    .description('render a saved plan')
    .argument('<file>', 'a plan written by `plan --out`')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
    .option('--redact', 'mask emails, phone numbers and people’s names (to initials) in the output')
    .option('--no-color', 'no colours')
    .action(async (file, opts) => setCode(await (await import('./commands/show.js')).runShow(file, opts, io)));

  addConnectionOptions(
    program
      .command('import')
      .description('write config files describing the live company')
      .option('-o, --out-dir <dir>', 'directory to write', 'dialform')
      .option('--force', 'overwrite existing files')
      .addOption(
        new Option('--lifecycle <owner>', 'write policy.lifecycle: external when an identity provider (SCIM) owns who exists (the API cannot tell)').choices([
          ...LIFECYCLE_OWNERS,
        ]),
      )
      .option('--with <fields>', `also read and write what no list brings, one request per office, user or room each (comma-separated): ${IMPORT_EXTRAS.join(', ')}`, parseImportExtras),
  ).action(async (opts) => setCode(await (await import('./commands/import.js')).runImport(opts, io)));

  addConnectionOptions(
    program
      .command('status')
      .description('show the company as Admin Settings › Users does: active or pending users, reserved numbers, deleted users (read-only)')
      .option('--search <text>', 'only rows whose name, email, license, office, state, permission (e.g. "admin") or phone number (any format) matches; lists every view')
      .addOption(new Option('--view <view...>', 'list these views row by row after the summary (repeatable); csv: exactly one').choices(STATUS_VIEWS))
      .addOption(new Option('--with <extra...>', 'add to the users view (and list it): deskphones, each listed user’s desk phones, one read per user').choices(['deskphones']))
      .addOption(new Option('--format <format>', 'output format (csv: one --view)').choices([...RESULT_FORMATS, 'csv']).default('text'))
      .option('--redact', 'mask emails, phone numbers and people’s names (to initials) in the output')
      .option('--journal <file>', 'the apply journal, for who reserved numbers were last for and when users were deleted', '.dialform/journal.jsonl')
      .option('--plan <file>', 'a plan applied with a journal older than its subjects (repeatable): says which numbers and users its operations touched', collect, []),
  ).action(async (opts) => setCode(await (await import('./commands/status.js')).runStatus(opts, io)));

  addConnectionOptions(
    program
      .command('doctor')
      .description('read-only preflight for a key and a company: admin key, plan tier, size, plan time, clock, rate-limit headers, response shapes, assumptions')
      .addOption(new Option('--format <format>', 'output format').choices(RESULT_FORMATS).default('text'))
      .option('--no-redact', 'show names, emails and numbers (masked by default, so the output is safe to paste)'),
  ).action(async (opts) => setCode(await (await import('./commands/doctor.js')).runDoctorCommand(opts, io)));

  const emulator = program.command('emulator').description('the Dialpad API emulator');
  emulator
    .command('serve')
    .description('serve the emulator over HTTP until interrupted')
    .requiredOption('--fixture <file>', 'fixture (JSON or YAML) to start from')
    .option('--port <n>', 'port', parseNonNegative, 8787)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--latency <ms>', 'delay added to every response', parseNonNegative)
    .addOption(new Option('--rate-limit <rps>', 'requests per second before 429; 0 disables the limit').argParser(parseRate))
    .option('--strict-rate-limit', 'answer 429 to any request beyond the rate in any rolling second (no one-second burst allowance)')
    .option('--faults <spec>', 'inject faults, e.g. seed=42,rate=0.1,kinds=500+503+429+reset+slow')
    .action(async (opts) => setCode(await (await import('./commands/emulator.js')).runEmulatorServe(opts, io)));
  emulator
    .command('console')
    .description('serve Admin Settings as a web page for the embedded emulator (the state --emulator uses) until interrupted')
    .option('-c, --config <path>', 'config whose emulator.fixture seeds the state when there is none yet')
    .option('--fixture <file>', 'fixture that seeds the state when there is none yet')
    .option('--port <n>', 'port (0 picks a free one)', parseNonNegative, 8787)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(async (opts) => setCode(await (await import('./commands/emulator-console.js')).runEmulatorConsole(opts, io)));
  addConnectionOptions(
    emulator
      .command('snapshot')
      .description('read the live company (read-only) into an emulator fixture: a twin to rehearse changes on')
      .option('-o, --out <file>', 'write the fixture here (YAML for .yaml/.yml, else JSON); default: stdout')
      .option('--force', 'overwrite an existing file')
      .option('--pseudonymize', 'replace names, emails and numbers consistently (numbers stay valid for their country)'),
  ).action(async (opts) => setCode(await (await import('./commands/emulator-snapshot.js')).runEmulatorSnapshot(opts, io)));
  addEmulatorSteps(emulator, io, setCode);

  program
    .command('completion')
    .description('print a shell completion script (bash: eval "$(dialform completion bash)")')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS))
    .action((shell: Shell) => {
      io.out(renderCompletion(readCommandTree(program), shell));
      setCode(EXIT.ok);
    });

  return program;
}

/**
 * `emulator do STEP`: a plan's manual steps, done on the embedded emulator's saved state, addressed
 * as the plan's instructions address them (office config keys, emails).
 */
function addEmulatorSteps(emulator: Command, io: Io, setCode: (code: number) => void): void {
  const run = async (request: StepRequest, opts: { config?: string }) => setCode(await (await import('./commands/emulator-do.js')).runEmulatorDo(request, opts, io));
  const doCommand = emulator
    .command('do')
    .description('do a manual step of a plan on the embedded emulator (the state --emulator uses), to rehearse an apply');
  doCommand
    .command('transfer-licenses')
    .description('Company Settings › Licenses › Transfer Licenses, between two offices of the config')
    .requiredOption('--from <key>', 'config key of the office the licenses leave')
    .requiredOption('--to <key>', 'config key of the office that receives them')
    .addOption(new Option('--kind <line>', 'license line').choices(LINE_TYPES).makeOptionMandatory())
    .requiredOption('--count <n>', 'how many unassigned licenses', parsePositiveInteger)
    .option('-c, --config <path>', 'config whose office keys to use (default: ./dialform.yaml, else ./dialform/)')
    .action((opts) => run({ kind: 'transfer_licenses', from: opts.from, to: opts.to, line: opts.kind, count: opts.count }, opts));
  doCommand
    .command('rename-office')
    .description('Admin Settings › Offices › office › Office settings: rename an office of the config (its pinned id or name)')
    .argument('<key>', 'config key of the office')
    .requiredOption('--name <name>', 'the new name')
    .option('-c, --config <path>', 'config whose office keys to use (default: ./dialform.yaml, else ./dialform/)')
    .action((key: string, opts) => run({ kind: 'rename_office', office: key, name: opts.name }, opts));
  // A purchase and a cancellation: the same step, one office and one line, either way.
  for (const [name, kind, description] of [
    ['buy-licenses', 'buy_licenses', 'Company Settings › Licenses: buy licenses of one kind for an office of the config'],
    ['cancel-licenses', 'cancel_licenses', 'Company Settings › Licenses (billing): cancel unassigned licenses of one kind in an office of the config'],
  ] as const) {
    doCommand
      .command(name)
      .description(description)
      .argument('<key>', 'config key of the office')
      .addOption(new Option('--kind <line>', 'license line').choices(LINE_TYPES).makeOptionMandatory())
      .requiredOption('--count <n>', 'how many licenses', parsePositiveInteger)
      .option('-c, --config <path>', 'config whose office keys to use (default: ./dialform.yaml, else ./dialform/)')
      .action((key: string, opts) => run({ kind, office: key, line: opts.kind, count: opts.count }, opts));
  }
  doCommand
    .command('change-account-type')
    .description("Dialpad's billing: change the company's plan tier (account_type)")
    .argument('<type>', 'free, standard, pro or enterprise')
    .action((type: string) => run({ kind: 'change_account_type', accountType: type }, {}));
  doCommand
    .command('restore-user')
    .description('Admin Settings › Users › Deleted Users: restore a user deleted less than 72 h ago')
    .argument('<email>')
    .action((email: string) => run({ kind: 'restore_user', email }, {}));
  for (const [name, kind, enabled] of [
    ['grant-analytics', 'analytics', true],
    ['revoke-analytics', 'analytics', false],
    ['grant-proxy', 'proxy', true],
    ['revoke-proxy', 'proxy', false],
  ] as const) {
    doCommand
      .command(name)
      .description(`${enabled ? 'grant' : 'revoke'} ${kind === 'analytics' ? 'analytics (Charting Data)' : 'proxy access'} for one or more users (the bulk checkbox action)`)
      .argument('<emails...>')
      .action((emails: string[]) => run({ kind, emails, enabled }, {}));
  }
  // Acting as the identity provider, to rehearse `lifecycle: external` (docs/lifecycle.md).
  doCommand
    .command('scim-create')
    .description('act as the identity provider: create an active user in an office, as SCIM provisioning would')
    .argument('<email>')
    .requiredOption('--office <key>', 'config key of the office the user is created in')
    .option('--license <license>', 'the user license', 'talk')
    .option('--first-name <name>', 'first name (default: from the email, ada.lovelace@ → Ada)')
    .option('--last-name <name>', 'last name (default: from the email, ada.lovelace@ → Lovelace)')
    .option('-c, --config <path>', 'config whose office keys to use (default: ./dialform.yaml, else ./dialform/)')
    .action((email: string, opts) =>
      run({ kind: 'scim_create', email, office: opts.office, license: opts.license, ...(opts.firstName === undefined ? {} : { firstName: opts.firstName }), ...(opts.lastName === undefined ? {} : { lastName: opts.lastName }) }, opts),
    );
  doCommand
    .command('scim-suspend')
    .description('act as the identity provider: suspend a user, as SCIM deprovisioning would')
    .argument('<email>')
    .action((email: string) => run({ kind: 'scim_suspend', email }, {}));
}

/**
 * Runs dialform with `argv` (without node and script) and returns the exit code (DESIGN.md §5).
 * User mistakes and API failures print `error <code>: message`, never a stack trace; anything
 * else is a bug and says so. Under `--format json` an error is also one JSON document on stdout
 * (docs/errors.md).
 */
export async function run(argv: string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  /** The command given (plan, apply, …): its `--format` decides how an error is printed. */
  let given: Command | undefined;
  program.hook('preSubcommand', (_program, command) => {
    given = command;
  });
  const json = (): boolean => given?.opts().format === 'json';
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (!(error instanceof CommanderError)) return reportError(error, io, json());
    if (error.exitCode === 0) return EXIT.ok;
    // Commander has printed the text already (`outputError`); a script still gets its document.
    if (json()) io.out(renderError(new UsageError(error.message.replace(/^error: /, ''))).json);
    return EXIT.error;
  }
}

/** Prints an error a command threw (as `renderError` words it) and returns the exit code. */
function reportError(error: unknown, io: Io, json: boolean): ExitCode {
  const { text, json: document, exitCode } = renderError(error);
  io.err(text);
  if (json) io.out(document);
  return exitCode;
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('not a positive number');
  return n;
}

/** The emulator's rate: any finite number ≥ 0 (`0` disables the limit, as docs/emulator.md says). */
function parseRate(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('not a number ≥ 0');
  return n;
}

/** `--with e911,caller_id`: the extras named, each known, without repeats. */
function parseImportExtras(value: string): ImportExtra[] {
  const names = value.split(',').map((v) => v.trim()).filter((v) => v !== '');
  const unknown = names.filter((n) => !(IMPORT_EXTRAS as readonly string[]).includes(n));
  if (names.length === 0) throw new InvalidArgumentError(`expected ${IMPORT_EXTRAS.join(', ')} (comma-separated)`);
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown ${unknown.join(', ')} (known: ${IMPORT_EXTRAS.join(', ')})`);
  return [...new Set(names)] as ImportExtra[];
}

/** Commander's accumulator for a repeatable option. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parsePositiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('not a positive whole number');
  return n;
}

function parseNonNegative(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('not a non-negative integer');
  return n;
}
