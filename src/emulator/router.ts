/** Route table types and path-template matching (`/api/v2/users/{id}`). */
import type { Principal } from './auth.js';
import type { Store } from './store.js';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

export interface RouteContext {
  store: Store;
  principal: Principal;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body (an empty object when there is none). */
  body: Record<string, unknown>;
  /** The request path without the query. */
  path: string;
}

export interface RouteResult {
  status?: number;
  body: unknown;
}

export interface Route {
  method: Method;
  /** Path template with `{name}` segments; also the key of request statistics. */
  template: string;
  /** Dialpad says "Requires a company admin API key": office-scoped keys get 403. */
  companyAdmin?: boolean;
  handle(ctx: RouteContext): RouteResult;
}

export type RouteMatch = { route: Route; params: Record<string, string> } | { methodNotAllowed: true } | undefined;

function matchTemplate(template: string, path: string): Record<string, string> | undefined {
  const t = template.split('/');
  const p = path.split('/');
  if (t.length !== p.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const seg = t[i] ?? '';
    const actual = p[i] ?? '';
    if (seg.startsWith('{') && seg.endsWith('}')) {
      if (actual === '') return undefined;
      try {
        params[seg.slice(1, -1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (seg !== actual) {
      return undefined;
    }
  }
  return params;
}

/** Finds the route for a request. Literal segments win over `{params}` by listing them first. */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  let pathMatched = false;
  for (const route of routes) {
    const params = matchTemplate(route.template, path);
    if (!params) continue;
    if (route.method === method) return { route, params };
    pathMatched = true;
  }
  return pathMatched ? { methodNotAllowed: true } : undefined;
}
