import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { ApiError } from '../api';
import { fakeApi, renderPage } from '../test/render';
import { Grants } from './Grants';

const grant = {
  id: 'g1', user: 'u1', partner: 'p1', role: 'deal-registration', client: null, grantedAt: '2026-03-01T10:00:00Z',
  expiresAt: '2026-03-22T10:00:00Z', status: 'ACTIVE',
};

describe('Grants page', () => {
  it('shows a failing partner list as an alert beside the grants, not as a silently empty filter', async () => {
    const api = fakeApi({
      'GET /partners': async () => { throw new ApiError(503, { error: 'unavailable', message: 'Try later.' }); },
      'GET /grants': async () => [grant],
      'USER u1': async () => ({ id: 'u1', username: 'nora' }),
    });
    renderPage(<Grants />, { api, at: '/grants?status=ACTIVE' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Try later.');
    const table = await screen.findByRole('table');
    expect(await within(table).findByText('nora')).toBeInTheDocument();
    expect(api.calls.some((c) => c.startsWith('GET /grants') && c.includes('"status":"ACTIVE"'))).toBe(true);
  });

  it('shows the refusal of a filter in German, with the server message kept', async () => {
    const api = fakeApi({
      'GET /partners': async () => [],
      'GET /grants': async () => { throw new ApiError(400, { error: 'invalid_request', field: 'status', message: "'status' must be one of ACTIVE, EXPIRED, REVOKED." }); },
    });
    renderPage(<Grants />, { api, at: '/grants?status=BOGUS', language: 'de' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Die Eingabe wurde abgelehnt');
    expect(alert).toHaveTextContent("'status' must be one of ACTIVE, EXPIRED, REVOKED.");
    expect(screen.queryByText('Keine Berechtigung passt zu diesen Filtern.')).toBeNull();
    expect(document.getElementById('pa-grants-empty')).toBeNull();
  });

  it('says so when no grant matches', async () => {
    const api = fakeApi({ 'GET /partners': async () => [], 'GET /grants': async () => [] });
    renderPage(<Grants />, { api });
    expect(await screen.findByText(/.+/, { selector: '#pa-grants-empty *' })).toBeInTheDocument();
  });
});
