import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import type Keycloak from 'keycloak-js';
import { ApiError } from './api';
import { App } from './App';
import { fakeApi } from './test/render';

const cfg = { server: 'http://kc', realm: 'partners', clientId: 'partner-access-console', basePath: '/realms/partners/partner-access/console/' };

const keycloakWith = (roles: string[]) => ({
  tokenParsed: { preferred_username: 'ops-admin', sub: 'u-ops', resource_access: { 'realm-management': { roles } }, realm_access: { roles: [] } },
  logout: () => Promise.resolve(),
}) as unknown as Keycloak;

const noPartner = { user: { id: 'u-ops', username: 'ops-admin' }, partner: null, grants: [], requests: [], programmes: [] };

function renderApp(at: string, answers: Parameters<typeof fakeApi>[0], roles = ['view-users', 'manage-users', 'view-events']) {
  const api = fakeApi(answers);
  render(
    <MemoryRouter initialEntries={[at]}>
      <App keycloak={keycloakWith(roles)} api={api} cfg={cfg} />
    </MemoryRouter>,
  );
  return api;
}

const probes = {
  'GET /me': async () => noPartner,
  'GET /requests': async () => [],
  'GET /reviews': async () => [],
};

describe('the console shell', () => {
  it('opens the page a deep link names', async () => {
    renderApp('/partners/p1', {
      ...probes,
      'GET /partners/p1': async () => ({ id: 'p1', name: 'Northwind', tier: 'gold', region: 'EMEA', status: 'ACTIVE' }),
      'GET /partners/p1/members': async () => [],
    });
    // Pages load lazily: the first import of a page's module takes a moment.
    expect(await screen.findByRole('heading', { level: 1, name: /Northwind/ }, { timeout: 10000 })).toHaveAttribute('id', 'pa-partner-name');
  });

  it('sends the first address to the first page the user may see', async () => {
    const api = renderApp('/', { ...probes, 'GET /partners': async () => [] });
    expect(await screen.findByRole('heading', { level: 1, name: 'Partners' }, { timeout: 10000 })).toBeInTheDocument();
    expect(api.calls.some((c) => c.startsWith('GET /partners'))).toBe(true);
  });

  it('shows a failing probe as an alert instead of quietly offering fewer pages', async () => {
    renderApp('/partners', {
      ...probes,
      'GET /requests': async () => { throw new ApiError(500, { error: 'server_error', message: 'Requests are unreadable.' }); },
      'GET /partners': async () => [],
    });
    expect(await screen.findByText('Requests are unreadable.')).toBeInTheDocument();
  });

  it('takes a 403 of a probe as "not for this user", without an alert', async () => {
    renderApp('/', {
      'GET /me': async () => noPartner,
      'GET /requests': async () => { throw new ApiError(403, { error: 'forbidden', message: 'no' }); },
      'GET /reviews': async () => { throw new ApiError(403, { error: 'forbidden', message: 'no' }); },
    }, []);
    expect(await screen.findByText('Nothing for you here yet')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
