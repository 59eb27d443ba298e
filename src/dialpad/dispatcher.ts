import { EnvHttpProxyAgent, type Dispatcher } from 'undici';

/**
 * The dispatcher the CLI installs globally (`setGlobalDispatcher`) before creating a client:
 * keep-alive pooling plus `HTTP_PROXY` / `HTTPS_PROXY` / `NO_PROXY` (HTTPS is tunnelled with
 * CONNECT). Library code never calls this at module load, so tests can install nock or a
 * MockAgent instead. `env` defaults to `process.env`; pass it to read another environment.
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
  return new EnvHttpProxyAgent({
    keepAliveTimeout: 10_000,
    connections: 8,
    ...(httpProxy === undefined ? {} : { httpProxy }),
    ...(httpsProxy === undefined ? {} : { httpsProxy }),
    ...(noProxy === undefined ? {} : { noProxy }),
  });
}
