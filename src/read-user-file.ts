/**
 * Reading a file the user names or commits: the config's YAML files, the confirmations file, a
 * saved plan (`apply FILE`), `--api-key-file`, an emulator fixture. Such a file must be a regular
 * file of at most `maxBytes`: a symbolic link to `/dev/ptmx`, a FIFO or `/dev/zero` (which anyone
 * can commit as a link) would otherwise hang the command or fill its memory. Every read of such a
 * file goes through `readUserFile`.
 */
import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { DialformError } from './errors.js';

/** The limit unless the caller names one: far above any config, plan or fixture dialform writes. */
export const DEFAULT_MAX_USER_FILE_BYTES = 64 * 1024 * 1024;

/** Why a user's file was not read. */
export type UserFileReason = 'missing' | 'not_regular' | 'too_large' | 'unreadable';

/**
 * A user's file that cannot be read. `problem` is the reason in words ("is a character device,
 * not a regular file"), for callers that report it under their own error code; `errno` is the
 * system's code (`ENOENT`, `EACCES`) when there is one.
 */
export class UserFileError extends DialformError {
  readonly reason: UserFileReason;
  readonly problem: string;
  readonly errno?: string;

  constructor(init: { path: string; what: string; reason: UserFileReason; problem: string; errno?: string }) {
    super('file_unusable', `cannot read ${init.what} ${init.path}: ${init.problem}`);
    this.reason = init.reason;
    this.problem = init.problem;
    if (init.errno !== undefined) this.errno = init.errno;
  }
}

export interface ReadUserFileOptions {
  /** What the file is, for the message: `config file`, `--api-key-file`. */
  what: string;
  /** Largest size accepted, in bytes. Default `DEFAULT_MAX_USER_FILE_BYTES`. */
  maxBytes?: number;
}

/** `O_NONBLOCK`, where the platform has it: opening a FIFO put in place after the check does not wait for a writer. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

const CHUNK_BYTES = 64 * 1024;

/**
 * The bytes of the file at `path` (symbolic links followed). Throws `UserFileError` when it is
 * missing, unreadable, not a regular file, or larger than the limit. Whether it is a regular file
 * is checked before opening it (opening a device can itself do something: a tape rewinds) and
 * again on the open file, so a file swapped in between is refused too; reading stops past the
 * limit, so a file that grows after the check is refused, not read to the end.
 */
export async function readUserFile(path: string, opts: ReadUserFileOptions): Promise<Buffer> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_USER_FILE_BYTES;
  const fail = (reason: UserFileReason, problem: string, errno?: string): UserFileError =>
    new UserFileError({ path, what: opts.what, reason, problem, ...(errno === undefined ? {} : { errno }) });
  const failErrno = (e: unknown): UserFileError => {
    const errno = (e as NodeJS.ErrnoException).code ?? 'EIO';
    return errno === 'ENOENT' ? fail('missing', 'no such file (ENOENT)', errno) : fail('unreadable', `${describeErrno(errno)} (${errno})`, errno);
  };
  const check = (info: Stats): void => {
    if (!info.isFile()) throw fail('not_regular', `is ${describeType(info)}, not a regular file`);
    if (info.size > maxBytes) throw fail('too_large', `is larger than ${formatBytes(maxBytes)} (${formatBytes(info.size)})`);
  };
  try {
    check(await stat(path));
  } catch (e) {
    throw e instanceof UserFileError ? e : failErrno(e);
  }
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (e) {
    throw failErrno(e);
  }
  try {
    const info = await handle.stat();
    check(info);
    // Sized as the file is, plus a byte to see that it has not grown: one read for nearly every
    // file. A file that grows is read on, a chunk at a time, to the limit and no further.
    let buffer = Buffer.allocUnsafe(info.size + 1);
    let total = 0;
    const grew = (): UserFileError => fail('too_large', `is larger than ${formatBytes(maxBytes)} (it grew while being read)`);
    for (;;) {
      if (total === buffer.length) {
        if (total > maxBytes) throw grew();
        const grown = Buffer.allocUnsafe(Math.min(total + CHUNK_BYTES, maxBytes + 1));
        buffer.copy(grown, 0, 0, total);
        buffer = grown;
      }
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
    if (total > maxBytes) throw grew();
    return buffer.subarray(0, total);
  } catch (e) {
    throw e instanceof UserFileError ? e : failErrno(e);
  } finally {
    await handle.close();
  }
}

/** `readUserFile` decoded as UTF-8 (a byte-order mark is kept: the format decides). */
export async function readUserText(path: string, opts: ReadUserFileOptions): Promise<string> {
  return (await readUserFile(path, opts)).toString('utf8');
}

function describeType(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  return 'not a file';
}

function describeErrno(errno: string): string {
  switch (errno) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ELOOP':
      return 'too many symbolic links (a loop?)';
    case 'EISDIR':
      return 'is a directory';
    default:
      return 'cannot be read';
  }
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MiB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KiB`;
  return `${n} bytes`;
}
