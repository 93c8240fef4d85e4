import { useState } from 'react';
import { Alert, Button, Form, FormSelect, FormSelectOption, TextInput, Title } from '@patternfly/react-core';
import { Empty, Field, Loading, Notice, Problem, Table, useApp, useLoad, when } from '../ui.jsx';

const TYPES = ['PARTNER_CREATED', 'PARTNER_UPDATED', 'TIER_CHANGED', 'MEMBER_ADDED', 'MEMBER_REMOVED', 'PARTNER_SUSPENDED',
  'PARTNER_REACTIVATED', 'PARTNER_OFFBOARDED', 'POLICY_CHANGED', 'REQUEST_CREATED', 'STAGE_APPROVED', 'STAGE_REJECTED',
  'REQUEST_CANCELLED', 'REQUEST_TIMED_OUT', 'GRANT_ISSUED', 'GRANT_RENEWED', 'GRANT_EXPIRED', 'GRANT_REVOKED',
  'OUT_OF_BAND_GRANT_REVERTED', 'OUT_OF_BAND_GRANT_FLAGGED', 'AGREEMENT_ACCEPTED', 'PURPOSE_ATTESTED', 'LOGIN_DENIED',
  'EXPIRY_NOTICE_SENT', 'SERVICE_ACCOUNT_CREATED', 'SERVICE_ACCOUNT_SECRET_ROTATED', 'SERVICE_ACCOUNT_DISABLED',
  'SERVICE_ACCOUNT_ENABLED', 'SERVICE_ACCOUNT_EXPIRED', 'SERVICE_ACCOUNT_RENEWED'];
const PAGE = 20;

const iso = (local) => (local ? new Date(local + 'Z').toISOString() : '');

/** GET /evidence with filters and pages, GET /evidence/verify, and the NDJSON export saved as a file. */
export function Evidence() {
  const { t, api, language } = useApp();
  const [filter, setFilter] = useState({ type: '', subject: '', partner: '', from: '', to: '' });
  const [applied, setApplied] = useState(filter);
  const [first, setFirst] = useState(0);
  const records = useLoad(() => api.get('/evidence', {
    type: applied.type, subject: applied.subject, partner: applied.partner, from: iso(applied.from), to: iso(applied.to), first, max: PAGE,
  }), [applied, first]);
  const [verify, setVerify] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [exported, setExported] = useState(false);

  const runVerify = async () => {
    setBusy(true);
    setError(null);
    setVerify(null);
    try {
      setVerify(await api.get('/evidence/verify'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const download = async () => {
    setError(null);
    setExported(false);
    try {
      const blob = await api.download('/evidence/export', { from: iso(applied.from), to: iso(applied.to) });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `evidence-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.ndjson`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      setExported(true);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <Title headingLevel="h1">{t('evidenceTitle')}</Title>
      <div className="pa-actions" style={{ marginBottom: '1rem' }}>
        <Button variant="primary" id="pa-verify" onClick={runVerify} isDisabled={busy}>{t('verify')}</Button>
        <Button variant="secondary" id="pa-export" onClick={download}>{t('exportLedger')}</Button>
      </div>
      {verify && (
        <Alert id="pa-verify-result" variant={verify.valid ? 'success' : 'danger'} isInline role="status" className="pa-notice"
          data-valid={String(verify.valid)}
          title={verify.valid ? t('verifyValid', { records: verify.records }) : t('verifyBroken', { seq: verify.firstBrokenSeq, records: verify.records })} />
      )}
      {exported && <Alert variant="success" isInline title={t('exported')} className="pa-notice" role="status" />}
      <Notice error={error} />
      <Form className="pa-toolbar" onSubmit={(e) => { e.preventDefault(); setFirst(0); setApplied(filter); }}>
        <Field label={t('type')} name="e-type">
          <FormSelect id="pa-e-type" value={filter.type} onChange={(_e, v) => setFilter({ ...filter, type: v })}>
            <FormSelectOption value="" label={t('any')} />
            {TYPES.map((type) => <FormSelectOption key={type} value={type} label={type} />)}
          </FormSelect>
        </Field>
        <Field label={t('subject')} name="e-subject">
          <TextInput id="pa-e-subject" value={filter.subject} onChange={(_e, v) => setFilter({ ...filter, subject: v })} />
        </Field>
        <Field label={t('partner')} name="e-partner">
          <TextInput id="pa-e-partner" value={filter.partner} onChange={(_e, v) => setFilter({ ...filter, partner: v })} />
        </Field>
        <Field label={`${t('from')} (UTC)`} name="e-from">
          <TextInput id="pa-e-from" type="datetime-local" value={filter.from} onChange={(_e, v) => setFilter({ ...filter, from: v })} />
        </Field>
        <Field label={`${t('to')} (UTC)`} name="e-to">
          <TextInput id="pa-e-to" type="datetime-local" value={filter.to} onChange={(_e, v) => setFilter({ ...filter, to: v })} />
        </Field>
        <Button type="submit" variant="secondary" id="pa-apply">{t('apply')}</Button>
      </Form>
      {records.loading && <Loading />}
      <Problem error={records.error} onRetry={records.reload} />
      {records.data && records.data.length === 0 && <Empty text={t('evidenceEmpty')} />}
      {records.data && records.data.length > 0 && (
        <>
          <p id="pa-evidence-page">{t('pageOf', { first: first + 1, last: first + records.data.length })}</p>
          <Table label={t('evidenceTitle')} id="pa-evidence"
            columns={[t('seq'), t('time'), t('type'), t('actor'), t('subject'), t('details')]}
            rows={records.data.map((r) => Object.assign([
              r.seq, when(r.time, language), r.type, r.details?.actorUsername || r.actor, r.subject,
              <span className="pa-details">{summary(r.details)}</span>,
            ], { key: r.seq }))} />
        </>
      )}
      <div className="pa-actions" style={{ marginTop: '1rem' }}>
        <Button variant="secondary" id="pa-previous" isDisabled={first === 0} onClick={() => setFirst(Math.max(0, first - PAGE))}>{t('previous')}</Button>
        <Button variant="secondary" id="pa-next" isDisabled={!records.data || records.data.length < PAGE} onClick={() => setFirst(first + PAGE)}>{t('next')}</Button>
      </div>
    </>
  );
}

function summary(details) {
  if (!details || typeof details !== 'object') {
    return String(details ?? '');
  }
  const { document, actorUsername, ...rest } = details;
  const text = JSON.stringify(rest);
  return text.length > 160 ? text.slice(0, 157) + '…' : text;
}
