import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../api';
import { fakeApi, never, renderPage } from '../test/render';
import { MyAccess } from './MyAccess';

const me = {
  user: { id: 'u1', username: 'nora' },
  partner: { id: 'p1', name: 'Northwind', tier: 'registered', region: 'EMEA', status: 'ACTIVE' },
  grants: [{
    id: 'g1', user: 'u1', partner: 'p1', role: 'deal-registration', client: null, grantedAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 21 * 24 * 3600 * 1000 - 5000).toISOString(), status: 'ACTIVE',
  }],
  requests: [],
  programmes: [{ role: 'deal-registration', client: null, description: 'Deal registration', stages: ['regional'], maxDays: 30, questions: [] }],
};

const partnerUser = { username: 'nora', userId: 'u1', viewUsers: false, manageUsers: false, manageRealm: false, viewEvents: false, approver: false, realmRoles: [] };

function api(post: () => Promise<unknown>) {
  return fakeApi({
    'GET /me': async () => me,
    'SELF GET /me/content': async () => [],
    'SELF GET /me/delegation': async () => { throw new ApiError(404, { error: 'not_found', message: 'No delegation.' }); },
    'SELF POST /me/requests': post,
  });
}

describe('My access', () => {
  it('shows that it is loading', () => {
    renderPage(<MyAccess />, { api: fakeApi({ 'GET /me': never }), can: partnerUser });
    expect(screen.getByRole('status')).toHaveTextContent('Loading…');
  });

  it('names programmes by their description and counts a fresh 21-day grant as 21 days', async () => {
    renderPage(<MyAccess />, { api: api(never), can: partnerUser });
    const grants = await screen.findByRole('table', { name: 'My grants' });
    expect(grants).toHaveTextContent('Deal registration (deal-registration)');
    expect(grants).toHaveTextContent('21 days');
    expect(screen.getByLabelText(/Programme/)).toHaveTextContent('Deal registration (deal-registration)');
  });

  it('shows the refusal of a short purpose in German under the field, without the API field name', async () => {
    const refused = async () => {
      throw new ApiError(400, {
        error: 'invalid_request', field: 'businessPurpose',
        message: "'businessPurpose' must be at least 20 characters: say what the access is for.",
      });
    };
    renderPage(<MyAccess />, { api: api(refused), can: partnerUser, language: 'de' });
    fireEvent.change(await screen.findByLabelText(/Geschäftszweck/), { target: { value: 'zu kurz' } });
    fireEvent.click(screen.getByRole('button', { name: 'Antrag senden' }));
    await waitFor(() => expect(document.getElementById('pa-businessPurpose-help'))
      .toHaveTextContent('Bitte beschreiben Sie den Zweck mit mindestens 20 Zeichen.'));
    expect(document.getElementById('pa-businessPurpose-help')).not.toHaveTextContent('businessPurpose');
  });

  it('shows a failure of the delegation call instead of offering a new delegation as if there were none', async () => {
    const failing = fakeApi({
      'GET /me': async () => me,
      'SELF GET /me/content': async () => [],
      'SELF GET /me/delegation': async () => { throw new ApiError(500, { error: 'server_error', message: 'Delegations are unreadable.' }); },
    });
    renderPage(<MyAccess />, { api: failing, can: partnerUser });
    expect(await screen.findByText('Delegations are unreadable.')).toBeInTheDocument();
    expect(document.getElementById('pa-delegation-none')).toBeNull();
  });
});
