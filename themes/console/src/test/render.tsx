// Renders one page as the console would, with a router at the given address and an API double whose answers the
// test chooses. The page code, the texts and the error handling are the real ones.
import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import type { Api, Rights } from '../api';
import { translator, type Language } from '../i18n';
import { AppContext, type AppContextValue } from '../ui';

export const admin: Rights = {
  username: 'ops-admin', userId: 'u-ops', viewUsers: true, manageUsers: true, manageRealm: true, viewEvents: true,
  approver: false, realmRoles: [],
};

/** An API whose every call fails unless the test answers it; `answer` maps "GET /partners" to a function. */
export function fakeApi(answers: Record<string, (params?: unknown) => Promise<unknown>>): Api & { calls: string[] } {
  const calls: string[] = [];
  const call = (key: string, params?: unknown) => {
    calls.push(params === undefined ? key : `${key} ${JSON.stringify(params)}`);
    const answer = answers[key];
    return answer ? answer(params) : Promise.reject(new Error(`no answer for ${key}`));
  };
  return {
    calls,
    get: (path, params) => call(`GET ${path}`, params) as never,
    post: (path, body) => call(`POST ${path}`, body) as never,
    put: (path, body) => call(`PUT ${path}`, body) as never,
    download: (path, params) => call(`DOWNLOAD ${path}`, params) as never,
    me: () => call('GET /me') as never,
    selfGet: (path) => call(`SELF GET ${path}`) as never,
    selfPost: (path, body) => call(`SELF POST ${path}`, body) as never,
    selfPut: (path, body) => call(`SELF PUT ${path}`, body) as never,
    selfDelete: (path) => call(`SELF DELETE ${path}`),
    user: (id) => call(`USER ${id}`) as never,
    findUser: (username) => call(`FIND ${username}`) as never,
  };
}

export const never = () => new Promise<never>(() => {});

export function renderPage(page: ReactNode, { api, at = '/', language = 'en' as Language, can = admin }:
  { api: Api; at?: string; language?: Language; can?: Rights }) {
  const value: AppContextValue = {
    t: translator(language), language, api, can, navigate: vi.fn(),
    cfg: { server: 'http://kc', realm: 'partners', clientId: 'partner-access-console', basePath: '/realms/partners/partner-access/console/' },
    me: { partner: null, awaiting: false, reviewsAwaiting: false },
  };
  return render(
    <MemoryRouter initialEntries={[at]}>
      <AppContext.Provider value={value}>{page}</AppContext.Provider>
    </MemoryRouter>,
  );
}
