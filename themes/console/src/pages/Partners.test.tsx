import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../api';
import { fakeApi, never, renderPage } from '../test/render';
import { PartnerDetail, Partners } from './Partners';

const northwind = { id: 'p1', name: 'Northwind', tier: 'gold', region: 'EMEA', status: 'ACTIVE', memberCount: 1 };

describe('Partners page', () => {
  it('shows that it is loading while the list is on its way', () => {
    renderPage(<Partners />, { api: fakeApi({ 'GET /partners': never }) });
    expect(screen.getByRole('status')).toHaveTextContent('Loading…');
  });

  it('says no partner matches when the list is empty', async () => {
    renderPage(<Partners />, { api: fakeApi({ 'GET /partners': async () => [] }) });
    expect(await screen.findByText('No partner matches these filters.')).toBeInTheDocument();
  });

  it('shows a failed call as an alert with the server message and a retry, never as an empty list', async () => {
    let calls = 0;
    const api = fakeApi({
      'GET /partners': async () => {
        calls += 1;
        if (calls === 1) {
          throw new ApiError(500, { error: 'server_error', message: 'The database is not reachable.' });
        }
        return [northwind];
      },
    });
    renderPage(<Partners />, { api });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong');
    expect(alert).toHaveTextContent('The database is not reachable.');
    expect(screen.queryByText('No partner matches these filters.')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Northwind')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('takes its filters from the address, so a filtered list can be linked to', async () => {
    const api = fakeApi({ 'GET /partners': async () => [northwind] });
    renderPage(<Partners />, { api, at: '/partners?tier=gold&status=ACTIVE' });
    expect(await screen.findByText('Northwind')).toBeInTheDocument();
    expect(api.calls).toContain('GET /partners {"tier":"gold","region":"","status":"ACTIVE"}');
    expect(screen.getByLabelText('Tier')).toHaveValue('gold');
  });

  it('counts in the offboarding confirmation with the right plural', async () => {
    const api = fakeApi({
      'GET /partners/p1': async () => northwind,
      'GET /partners/p1/members': async () => [{ userId: 'u1', username: 'nora', email: null, businessUnit: null }],
      'GET /grants': async () => [{ id: 'g1' }],
      'USER undefined': async () => null,
    });
    renderPage(<PartnerDetail id="p1" />, { api });
    fireEvent.click(await screen.findByRole('button', { name: 'Offboard' }));
    await waitFor(() => expect(document.getElementById('pa-confirm-text')).toHaveTextContent('revokes 1 active grant of its 1 member,'));
  });

  it('does not offer offboarding while the count of grants it would revoke failed to load', async () => {
    const api = fakeApi({
      'GET /partners/p1': async () => northwind,
      'GET /partners/p1/members': async () => [],
      'GET /grants': async () => { throw new ApiError(403, { error: 'forbidden', message: "needs 'view-users'" }); },
    });
    renderPage(<PartnerDetail id="p1" />, { api });
    fireEvent.click(await screen.findByRole('button', { name: 'Offboard' }));
    expect(await screen.findByText(/needs 'view-users'/)).toBeInTheDocument();
    fireEvent.change(document.getElementById('pa-reason')!, { target: { value: 'Contract ended.' } });
    expect(document.getElementById('pa-confirm-button')).toBeDisabled();
  });
});
