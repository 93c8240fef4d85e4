import { useState } from 'react';
import {
  ActionGroup, Alert, Button, Form, FormSelect, FormSelectOption, TextArea, TextInput, Title,
} from '@patternfly/react-core';
import { Empty, Field, Loading, Notice, Problem, Table, programmeName, timeLeft, useApp, useLoad, when } from '../ui.jsx';
import { GrantAction, grantStatus } from './Grants.jsx';

/** A partner user's own view: /realms/{realm}/partner-access/me, /me/requests and /me/grants/{id}/renew. */
export function MyAccess() {
  const { t, api, language } = useApp();
  const me = useLoad(() => api.me(), []);
  const [renewing, setRenewing] = useState(null);
  const [done, setDone] = useState(null);

  if (me.loading && !me.data) {
    return <Loading />;
  }
  if (me.error) {
    return <><Title headingLevel="h1">{t('meTitle')}</Title><Problem error={me.error} onRetry={me.reload} /></>;
  }
  const data = me.data;
  const maxDaysOf = (g) => data.programmes?.find((p) => p.role === g.role && (p.client || null) === (g.client || null))?.maxDays;
  return (
    <>
      <Title headingLevel="h1">{t('meTitle')}</Title>
      <p id="pa-me-partner">{data.partner
        ? t('mePartner', { partner: data.partner.name, tier: data.partner.tier, status: data.partner.status })
        : t('meNoPartner')}</p>
      {done && <Alert variant="success" isInline title={done} className="pa-notice pa-success" role="status" />}

      <Title headingLevel="h2" className="pa-section-title">{t('myGrants')}</Title>
      {data.grants.length === 0 ? <Empty text={t('myGrantsEmpty')} id="pa-my-grants-empty" /> : (
        <Table label={t('myGrants')} id="pa-my-grants" columns={[t('programme'), t('granted'), t('expires'), t('timeLeft'), t('status'), t('actions')]}
          rows={data.grants.map((g) => Object.assign([
            programmeName(g.role, g.client), when(g.grantedAt, language), when(g.expiresAt, language), timeLeft(g.expiresAt, t),
            grantStatus(g.status),
            <Button size="sm" variant="secondary" className="pa-ask-renewal" onClick={() => setRenewing(g)}>{t('askRenewal')}</Button>,
          ], { key: g.id }))} />
      )}

      <Title headingLevel="h2" className="pa-section-title">{t('myRequests')}</Title>
      {data.requests.length === 0 ? <Empty text={t('myRequestsEmpty')} /> : (
        <Table label={t('myRequests')} id="pa-my-requests" columns={[t('programme'), t('created'), t('days'), t('status'), t('stages')]}
          rows={data.requests.map((r) => Object.assign([
            <>{programmeName(r.role, r.client)}{r.type === 'RENEWAL' ? ` (${t('renewal')})` : ''}</>,
            when(r.createdAt, language), r.days, r.status,
            r.stages.length === 0 ? t('selfService') : r.stages.map((s) => `${s.stage}: ${s.status}`).join(', '),
          ], { key: r.id }))} />
      )}

      {data.partner && <RequestForm programmes={data.programmes || []} onSent={(status) => { setDone(t('requestSent', { status })); me.reload(); }} />}

      {renewing && (
        <GrantAction action={{ kind: 'renew', grant: renewing }} path={`/me/grants/${renewing.id}/renew`} post={api.selfPost}
          maxDays={maxDaysOf(renewing)} onClose={() => setRenewing(null)}
          onDone={() => { setRenewing(null); setDone(t('renewalOpened')); me.reload(); }} />
      )}
    </>
  );
}

function RequestForm({ programmes, onSent }) {
  const { t, api } = useApp();
  const [choice, setChoice] = useState('0');
  const [days, setDays] = useState('');
  const [purpose, setPurpose] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const programme = programmes[Number(choice)];

  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { role: programme.role, businessPurpose: purpose, days: Number(days || programme.maxDays) };
      if (programme.client) body.client = programme.client;
      const request = await api.selfPost('/me/requests', body);
      setPurpose('');
      setDays('');
      onSent(request.status);
    } catch (e2) {
      setError(e2);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Title headingLevel="h2" className="pa-section-title">{t('requestAccess')}</Title>
      <p>{t('requestAccessHelp')}</p>
      {programmes.length === 0 ? <Empty text={t('noProgrammes')} /> : (
        <>
          <Notice error={error} fields={['role', 'client', 'days', 'businessPurpose']} />
          <Form onSubmit={submit} id="pa-request-form" style={{ maxWidth: '40rem' }}>
            <Field label={t('programme')} name="role" error={error} required>
              <FormSelect id="pa-programme" value={choice} onChange={(_e, v) => setChoice(v)}>
                {programmes.map((p, i) => (
                  <FormSelectOption key={i} value={String(i)}
                    label={`${programmeName(p.role, p.client)} (${p.stages.length ? p.stages.join(', ') : t('selfService')})`} />
                ))}
              </FormSelect>
            </Field>
            <Field label={t('days')} name="days" error={error} help={programme ? t('maxDays', { days: programme.maxDays }) : null} required>
              <TextInput id="pa-days" type="number" min={1} max={programme?.maxDays} value={days} placeholder={String(programme?.maxDays ?? '')}
                onChange={(_e, v) => setDays(v)} />
            </Field>
            <Field label={t('businessPurpose')} name="businessPurpose" error={error} help={t('purposeHelp')} required>
              <TextArea id="pa-purpose" value={purpose} onChange={(_e, v) => setPurpose(v)} isRequired />
            </Field>
            <ActionGroup>
              <Button type="submit" variant="primary" id="pa-send-request" isDisabled={busy || !programme}>{t('send')}</Button>
            </ActionGroup>
          </Form>
        </>
      )}
    </>
  );
}
