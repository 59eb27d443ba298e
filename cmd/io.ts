import { createInterface } from 'node:readline/promises';
import { styleText } from 'node:util';
import { createKeyScrubber } from '../src/dialpad/scrub-secret.js';

/** Everything a command may do to the terminal. `cmd/` is the only layer that prints or prompts. */
export interface Io {
  /** Results: the plan, JSON, summaries. */
  out(text: string): void;
  /** Logs, progress and errors. */
  err(text: string): void;
  /** Whether stdout gets colour (a TTY with colours, and no NO_COLOR). */
  color: boolean;
  /** Whether stderr is a TTY (live progress line instead of one line per operation). */
  errIsTty: boolean;
  /** Whether prompts are possible (stdin and stderr are TTYs). */
  interactive: boolean;
  /** Asks a yes/no question; only called when `interactive`. */
  confirm(question: string): Promise<boolean>;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /**
   * From now on, `secret` (the API key) is replaced by `[REDACTED]` in everything `out` and `err`
   * write, in every form `createKeyScrubber` knows (also split by invisible characters, or as HTML
   * entities). Messages that quote the user's input (a config key equal to the key) are covered
   * too, whatever produced them. Test doubles may leave it out.
   */
  hideSecret?(secret: string): void;
  /**
   * Calls `listener` on each interrupt (SIGINT: Ctrl-C; SIGTERM: a cancelled CI job) until the
   * returned function is called; meanwhile an interrupt no longer ends the process by itself.
   * Test doubles may leave it out.
   */
  onInterrupt?(listener: () => void): () => void;
  /** Ends the process at once with `code` (what was printed is already written). */
  exitNow?(code: number): void;
  /**
   * Installs the process's HTTP dispatcher; awaited before the first API client is built (the
   * bin's, see cmd/main.ts). Test doubles leave it out and keep the dispatcher they installed.
   */
  prepareNetwork?(): Promise<void>;
}

/** The real terminal. */
export function processIo(): Io {
  const interactive = process.stdin.isTTY === true && process.stderr.isTTY === true;
  const scrubbers: Array<(text: string) => string> = [];
  const scrub = (text: string): string => scrubbers.reduce((t, f) => f(t), text);
  const hideSecret = (secret: string): void => {
    if (secret.trim() !== '') scrubbers.push(createKeyScrubber(secret.trim()));
  };
  // The key in the environment is hidden from the start: `validate` never reads it, but a config
  // problem quoting it is printed all the same.
  hideSecret(process.env['DIALPAD_API_KEY'] ?? '');
  return {
    out: (text) => void process.stdout.write(scrub(text)),
    err: (text) => void process.stderr.write(scrub(text)),
    hideSecret,
    color: process.stdout.isTTY === true && process.stdout.hasColors() && !process.env.NO_COLOR,
    errIsTty: process.stderr.isTTY === true,
    interactive,
    async confirm(question) {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        const answer = await rl.question(`${question} `);
        return answer.trim() === 'yes';
      } finally {
        rl.close();
      }
    },
    onInterrupt(listener) {
      process.on('SIGINT', listener);
      process.on('SIGTERM', listener);
      return () => {
        process.off('SIGINT', listener);
        process.off('SIGTERM', listener);
      };
    },
    exitNow: (code) => process.exit(code),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Paints `text` when colour is on (stderr messages use the same decision as stdout). */
export function paint(io: Io, format: Parameters<typeof styleText>[0], text: string): string {
  return io.color ? styleText(format, text, { validateStream: false }) : text;
}
