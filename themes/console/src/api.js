// Calls to the product's REST API with the signed-in user's bearer token. The server decides what is allowed;
// the console only shows what it answers.
export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || (typeof body === 'string' && body) || `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.field = body && body.field;
  }
}

export function config() {
  const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content');
  // The page names the server's configured address, or only its path (then this origin is the server's).
  const server = new URL(meta('partner-access-server') || '/', window.location.origin).href.replace(/\/+$/, '');
  const realm = meta('partner-access-realm') || window.location.pathname.split('/')[2];
  const basePath = new URL(document.baseURI).pathname;
  return { server, realm, clientId: meta('partner-access-client') || 'partner-access-console', basePath };
}

export function createApi(keycloak, cfg) {
  const realm = encodeURIComponent(cfg.realm);
  const bases = {
    admin: `${cfg.server}/admin/realms/${realm}/partner-access`,
    self: `${cfg.server}/realms/${realm}/partner-access`,
    keycloak: `${cfg.server}/admin/realms/${realm}`,
  };

  async function send(method, url, body, accept = 'application/json') {
    try {
      await keycloak.updateToken(30);
    } catch (e) {
      throw new ApiError(401, { message: 'session ended' });
    }
    const headers = { Authorization: `Bearer ${keycloak.token}`, Accept: accept };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (accept !== 'application/json' && response.ok) {
      return response.blob();
    }
    const text = await response.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch (e) {
      data = text;
    }
    if (!response.ok) {
      throw new ApiError(response.status, data);
    }
    return data;
  }

  const query = (params) => {
    const entries = Object.entries(params || {}).filter(([, v]) => v !== undefined && v !== null && v !== '');
    return entries.length ? '?' + new URLSearchParams(entries).toString() : '';
  };

  return {
    get: (path, params) => send('GET', bases.admin + path + query(params)),
    post: (path, body) => send('POST', bases.admin + path, body ?? {}),
    put: (path, body) => send('PUT', bases.admin + path, body),
    download: (path, params) => send('GET', bases.admin + path + query(params), undefined, 'application/x-ndjson'),
    me: () => send('GET', bases.self + '/me'),
    selfPost: (path, body) => send('POST', bases.self + path, body),
    selfGet: (path) => send('GET', bases.self + path),
    selfPut: (path, body) => send('PUT', bases.self + path, body),
    selfDelete: (path) => send('DELETE', bases.self + path),
    user: (id) => send('GET', `${bases.keycloak}/users/${encodeURIComponent(id)}`),
    findUser: (username) => send('GET', `${bases.keycloak}/users${query({ username, exact: 'true' })}`),
  };
}

/** What the token says the user holds; it only decides what to show, never what is allowed. */
export function rights(keycloak) {
  const token = keycloak.tokenParsed || {};
  const admin = token.resource_access?.['realm-management']?.roles || [];
  const realmRoles = token.realm_access?.roles || [];
  const has = (...roles) => roles.some((r) => admin.includes(r)) || admin.includes('realm-admin');
  return {
    username: token.preferred_username,
    userId: token.sub,
    viewUsers: has('view-users', 'manage-users'),
    manageUsers: has('manage-users'),
    manageRealm: has('manage-realm'),
    viewEvents: has('view-events', 'manage-events'),
    approver: realmRoles.some((r) => r.startsWith('partner-approver-')),
    realmRoles,
  };
}
