// Every list page in its three states: loading, empty (the page's own words) and failed (an alert with the
// server's message, and no "empty" text that would make a failure look like no data).
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { ApiError } from '../api';
import { fakeApi, never, renderPage } from '../test/render';
import { ContentPage } from './Content';
import { Evidence } from './Evidence';
import { Inbox } from './Inbox';
import { PolicyPage } from './Policy';
import { Reviews } from './Reviews';

interface Case {
  name: string;
  page: ReactNode;
  /** The call whose answer decides the state, and the other calls the page makes (answered empty). */
  list: string;
  others: string[];
  empty: string;
}

const CASES: Case[] = [
  { name: 'Approvals', page: <Inbox />, list: 'GET /requests', others: [], empty: 'No request is waiting for your decision.' },
  { name: 'Evidence', page: <Evidence />, list: 'GET /evidence', others: [], empty: 'No record matches these filters.' },
  { name: 'Content', page: <ContentPage />, list: 'GET /content', others: ['GET /policy'], empty: 'No content package yet.' },
  {
    name: 'Reviews', page: <Reviews reviewId={null} />, list: 'GET /reviews', others: ['GET /partners'],
    empty: 'No review item is waiting for your decision.',
  },
  {
    name: 'Policy history', page: <PolicyPage />, list: 'GET /evidence', others: ['GET /policy', 'USER u-ops'],
    empty: 'No policy change is recorded in the evidence ledger.',
  },
];

const emptyAnswer = (key: string) => async () => (key === 'GET /policy' ? { version: 1, updatedBy: 'u-ops', tiers: [] }
  : key.startsWith('USER') ? { id: 'u-ops', username: 'ops-admin' } : []);

const answers = (c: Case, list: () => Promise<unknown>) => ({
  ...Object.fromEntries(c.others.map((key) => [key, emptyAnswer(key)])),
  [c.list]: list,
});

describe.each(CASES)('$name', (c) => {
  it('shows that it is loading', () => {
    renderPage(c.page, { api: fakeApi(answers(c, never)) });
    expect(screen.getAllByRole('status')[0]).toHaveTextContent('Loading…');
  });

  it('says in its own words that the list is empty', async () => {
    renderPage(c.page, { api: fakeApi(answers(c, async () => [])) });
    expect(await screen.findByText(c.empty)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a failure as an alert with the server message, not as an empty list', async () => {
    const failing = async () => { throw new ApiError(500, { error: 'server_error', message: 'The ledger store is down.' }); };
    renderPage(c.page, { api: fakeApi(answers(c, failing)) });
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((a) => a.textContent).join(' ')).toContain('The ledger store is down.');
    expect(screen.queryByText(c.empty)).toBeNull();
  });
});
