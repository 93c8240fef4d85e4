// Calls to the product's REST API with the signed-in user's bearer token. The server decides what is allowed;
// the console only shows what it answers.
import type Keycloak from 'keycloak-js';
import type { KeycloakUser, Me } from './types';

/** The contract's error body: {"error","message","field"}. */
export interface ErrorBody {
  error?: string;
  message?: string;
  field?: string | null;
}

export class ApiError extends Error {
  readonly status: number;
  /** The API's error code (`invalid_request`, `forbidden`, `not_found`, `conflict`, ...), when it sent one. */
  readonly code: string | null;
  readonly field: string | null;

  constructor(status: number, body: unknown, field?: string | null) {
    const parsed: ErrorBody = body && typeof body === 'object' ? (body as ErrorBody) : {};
    super(parsed.message || (typeof body === 'string' && body.trim() ? body.trim().slice(0, 300) : `HTTP ${status}`));
    this.name = 'ApiError';
    this.status = status;
    this.code = parsed.error ?? null;
    this.field = field ?? parsed.field ?? null;
  }
}

/** A refusal the console makes itself before calling the API, shaped like the API's so it shows the same way. */
export const refusal = (field: string, message: string): ApiError =>
  new ApiError(400, { error: 'invalid_request', message, field });

export interface ConsoleConfig {
  server: string;
  realm: string;
  clientId: string;
  /** The console's own path, with a trailing slash: /realms/{realm}/partner-access/console/ */
  basePath: string;
}

export function config(): ConsoleConfig {
  const meta = (name: string) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? null;
  // The page names the server's configured address, or only its path (then this origin is the server's).
  const server = new URL(meta('partner-access-server') || '/', window.location.origin).href.replace(/\/+$/, '');
  const realm = meta('partner-access-realm') || window.location.pathname.split('/')[2] || '';
  const basePath = new URL(document.baseURI).pathname;
  return { server, realm, clientId: meta('partner-access-client') || 'partner-access-console', basePath };
}

export type Params = Record<string, string | number | boolean | null | undefined>;

export interface Api {
  get<T = unknown>(path: string, params?: Params): Promise<T>;
  post<T = unknown>(path: string, body?: unknown): Promise<T>;
  put<T = unknown>(path: string, body: unknown): Promise<T>;
  download(path: string, params?: Params): Promise<Blob>;
  me(): Promise<Me>;
  selfGet<T = unknown>(path: string): Promise<T>;
  selfPost<T = unknown>(path: string, body?: unknown): Promise<T>;
  selfPut<T = unknown>(path: string, body: unknown): Promise<T>;
  selfDelete(path: string): Promise<unknown>;
  user(id: string): Promise<KeycloakUser>;
  findUser(username: string): Promise<KeycloakUser[]>;
}

export const query = (params?: Params): string => {
  const entries = Object.entries(params || {})
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => [k, String(v)]);
  return entries.length ? '?' + new URLSearchParams(entries).toString() : '';
};

export function createApi(keycloak: Keycloak, cfg: ConsoleConfig): Api {
  const realm = encodeURIComponent(cfg.realm);
  const bases = {
    admin: `${cfg.server}/admin/realms/${realm}/partner-access`,
    self: `${cfg.server}/realms/${realm}/partner-access`,
    keycloak: `${cfg.server}/admin/realms/${realm}`,
  };

  async function send(method: string, url: string, body?: unknown, accept = 'application/json'): Promise<any> {
    try {
      await keycloak.updateToken(30);
    } catch {
      throw new ApiError(401, { error: 'unauthorized', message: 'session ended' });
    }
    const headers: Record<string, string> = { Authorization: `Bearer ${keycloak.token}`, Accept: accept };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      // The server did not answer at all (down, offline, blocked): status 0, shown as such.
      throw new ApiError(0, { error: 'unreachable', message: e instanceof Error ? e.message : String(e) });
    }
    if (accept !== 'application/json' && response.ok) {
      return response.blob();
    }
    const text = await response.text();
    let data: unknown = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = text;
    }
    if (!response.ok) {
      throw new ApiError(response.status, data);
    }
    return data;
  }

  return {
    get: (path, params) => send('GET', bases.admin + path + query(params)),
    post: (path, body) => send('POST', bases.admin + path, body ?? {}),
    put: (path, body) => send('PUT', bases.admin + path, body),
    download: (path, params) => send('GET', bases.admin + path + query(params), undefined, 'application/x-ndjson'),
    me: () => send('GET', bases.self + '/me'),
    selfGet: (path) => send('GET', bases.self + path),
    selfPost: (path, body) => send('POST', bases.self + path, body),
    selfPut: (path, body) => send('PUT', bases.self + path, body),
    selfDelete: (path) => send('DELETE', bases.self + path),
    user: (id) => send('GET', `${bases.keycloak}/users/${encodeURIComponent(id)}`),
    findUser: (username) => send('GET', `${bases.keycloak}/users${query({ username, exact: 'true' })}`),
  };
}

export interface Rights {
  username: string;
  userId: string;
  viewUsers: boolean;
  manageUsers: boolean;
  manageRealm: boolean;
  viewEvents: boolean;
  approver: boolean;
  realmRoles: string[];
}

interface TokenClaims {
  preferred_username?: string;
  sub?: string;
  resource_access?: Record<string, { roles?: string[] }>;
  realm_access?: { roles?: string[] };
}

/** What the token says the user holds; it only decides what to show, never what is allowed. */
export function rights(token: TokenClaims | undefined): Rights {
  const claims = token || {};
  const admin = claims.resource_access?.['realm-management']?.roles || [];
  const realmRoles = claims.realm_access?.roles || [];
  const has = (...roles: string[]) => roles.some((r) => admin.includes(r)) || admin.includes('realm-admin');
  return {
    username: claims.preferred_username || '',
    userId: claims.sub || '',
    viewUsers: has('view-users', 'manage-users'),
    manageUsers: has('manage-users'),
    manageRealm: has('manage-realm'),
    viewEvents: has('view-events', 'manage-events'),
    approver: realmRoles.some((r) => r.startsWith('partner-approver-')),
    realmRoles,
  };
}
