import { Agent, Dispatcher, EnvHttpProxyAgent, setGlobalDispatcher } from 'undici';
import { isLoopbackHost } from './connection.js';

const KEEP_ALIVE = { keepAliveTimeout: 10_000, connections: 8 } as const;

/**
 * True for an origin on this machine (`isLoopbackHost`: 127.0.0.0/8, ::1, `localhost` and
 * `*.localhost`; `resolveConnection` refuses plain http to a name that does not resolve there).
 */
function isLoopbackOrigin(origin: string | URL | undefined): boolean {
  if (origin === undefined) return false;
  try {
    return isLoopbackHost(new URL(origin).hostname);
  } catch {
    return false;
  }
}

/**
 * Sends loopback requests straight to their target and everything else through `proxied`. A
 * proxy is another process, maybe on another machine: a request to a loopback `http://` URL
 * (the emulator, a local test server) carries the API key in clear text, so it never goes there,
 * whatever `HTTP_PROXY` and `NO_PROXY` say.
 */
class LoopbackDirectDispatcher extends Dispatcher {
  readonly #proxied: Dispatcher;
  readonly #direct: Dispatcher;

  constructor(proxied: Dispatcher, direct: Dispatcher) {
    super();
    this.#proxied = proxied;
    this.#direct = direct;
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    return (isLoopbackOrigin(options.origin) ? this.#direct : this.#proxied).dispatch(options, handler);
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    const done = Promise.all([this.#proxied.close(), this.#direct.close()]).then(() => undefined);
    if (callback === undefined) return done;
    void done.then(callback);
  }

  override destroy(): Promise<void>;
  override destroy(err: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(err: Error | null, callback: () => void): void;
  override destroy(a?: Error | null | (() => void), b?: () => void): Promise<void> | void {
    const err = typeof a === 'function' ? null : (a ?? null);
    const callback = typeof a === 'function' ? a : b;
    const done = Promise.all([this.#proxied.destroy(err), this.#direct.destroy(err)]).then(() => undefined);
    if (callback === undefined) return done;
    void done.then(callback);
  }
}

/**
 * The dispatcher the CLI installs globally (`setGlobalDispatcher`) before creating a client:
 * keep-alive pooling plus `HTTP_PROXY` / `HTTPS_PROXY` / `NO_PROXY` (HTTPS is tunnelled with
 * CONNECT), except that loopback is never proxied (see `LoopbackDirectDispatcher`). Library code
 * never calls this at module load, so tests can install nock or a MockAgent instead. `env`
 * defaults to `process.env`; pass it to read another environment.
 */
export function createProductionDispatcher(opts: { env?: NodeJS.ProcessEnv } = {}): Dispatcher {
  const env = opts.env ?? process.env;
  const pick = (...names: string[]): string | undefined => {
    for (const n of names) {
      const v = env[n];
      if (v !== undefined && v !== '') return v;
    }
    return undefined;
  };
  const httpProxy = pick('HTTP_PROXY', 'http_proxy');
  const httpsProxy = pick('HTTPS_PROXY', 'https_proxy');
  const noProxy = pick('NO_PROXY', 'no_proxy');
  const proxied = new EnvHttpProxyAgent({
    ...KEEP_ALIVE,
    ...(httpProxy === undefined ? {} : { httpProxy }),
    ...(httpsProxy === undefined ? {} : { httpsProxy }),
    ...(noProxy === undefined ? {} : { noProxy }),
  });
  return new LoopbackDirectDispatcher(proxied, new Agent(KEEP_ALIVE));
}

/** Installs `createProductionDispatcher()` as undici's global dispatcher: the CLI does, before its first request. */
export function installProductionDispatcher(): void {
  setGlobalDispatcher(createProductionDispatcher());
}
