import { useState } from 'react';
import {
  Alert, Button, Form, FormSelect, FormSelectOption, Label, Modal, ModalBody, ModalFooter, ModalHeader, TextArea,
  TextInput, Title,
} from '@patternfly/react-core';
import { Empty, Field, Loading, Notice, Problem, Table, programmeName, useApp, useLoad, when } from '../ui.jsx';

const STATUSES = ['ACTIVE', 'EXPIRED', 'REVOKED'];

export function grantStatus(status) {
  const color = status === 'ACTIVE' ? 'green' : status === 'REVOKED' ? 'red' : 'grey';
  return <Label color={color} className="pa-status" data-status={status}>{status}</Label>;
}

/** GET /grants with filters; revoke and renew for those who may change grants. */
export function Grants() {
  const { t, api, can, language } = useApp();
  const initial = new URLSearchParams(window.location.search);
  const [filter, setFilter] = useState({ partner: initial.get('partner') || '', username: '', status: '', expiringBefore: '' });
  const [applied, setApplied] = useState(filter);
  const [filterError, setFilterError] = useState(null);
  const partners = useLoad(() => api.get('/partners', { max: 1000 }).catch(() => []), []);
  const grants = useLoad(async () => {
    let user;
    if (applied.username.trim()) {
      const found = await api.findUser(applied.username.trim());
      if (!found.length) {
        return [];
      }
      user = found[0].id;
    }
    const expiringBefore = applied.expiringBefore ? new Date(applied.expiringBefore + 'T00:00:00Z').toISOString() : '';
    return api.get('/grants', { partner: applied.partner, user, status: applied.status, expiringBefore, max: 1000 });
  }, [applied]);
  const users = useLoad(async () => {
    const ids = [...new Set((grants.data || []).map((g) => g.user))].slice(0, 100);
    const entries = await Promise.all(ids.map((id) => api.user(id).then((u) => [id, u.username], () => [id, id])));
    return Object.fromEntries(entries);
  }, [grants.data]);
  const [action, setAction] = useState(null);
  const [done, setDone] = useState(null);
  const partnerName = (id) => (partners.data || []).find((p) => p.id === id)?.name || id;

  return (
    <>
      <Title headingLevel="h1">{t('grantsTitle')}</Title>
      <Form className="pa-toolbar" onSubmit={(e) => { e.preventDefault(); setFilterError(null); setApplied(filter); }}>
        <Field label={t('partner')} name="g-partner">
          <FormSelect id="pa-g-partner" value={filter.partner} onChange={(_e, v) => setFilter({ ...filter, partner: v })}>
            <FormSelectOption value="" label={t('any')} />
            {(partners.data || []).map((p) => <FormSelectOption key={p.id} value={p.id} label={p.name} />)}
          </FormSelect>
        </Field>
        <Field label={t('username')} name="g-user">
          <TextInput id="pa-g-user" value={filter.username} onChange={(_e, v) => setFilter({ ...filter, username: v })} />
        </Field>
        <Field label={t('status')} name="g-status">
          <FormSelect id="pa-g-status" value={filter.status} onChange={(_e, v) => setFilter({ ...filter, status: v })}>
            <FormSelectOption value="" label={t('any')} />
            {STATUSES.map((s) => <FormSelectOption key={s} value={s} label={s} />)}
          </FormSelect>
        </Field>
        <Field label={t('expiringBefore')} name="g-expiring">
          <TextInput id="pa-g-expiring" type="date" value={filter.expiringBefore} onChange={(_e, v) => setFilter({ ...filter, expiringBefore: v })} />
        </Field>
        <Button type="submit" variant="secondary" id="pa-apply">{t('apply')}</Button>
      </Form>
      <Notice error={filterError} />
      {done && <Alert variant="success" isInline title={done} className="pa-notice pa-success" role="status" />}
      {grants.loading && <Loading />}
      <Problem error={grants.error} onRetry={grants.reload} />
      {grants.data && grants.data.length === 0 && <Empty text={t('grantsEmpty')} />}
      {grants.data && grants.data.length > 0 && (
        <Table label={t('grantsTitle')} id="pa-grants"
          columns={[t('user'), t('programme'), t('partner'), t('granted'), t('expires'), t('status'), t('actions')]}
          rows={grants.data.map((g) => Object.assign([
            users.data?.[g.user] || g.user,
            programmeName(g.role, g.client),
            partnerName(g.partner),
            when(g.grantedAt, language),
            when(g.expiresAt, language),
            <>{grantStatus(g.status)}{g.revokedReason ? <div className="pa-reason">{g.revokedReason}</div> : null}</>,
            can.manageUsers && g.status === 'ACTIVE' ? (
              <div className="pa-actions">
                <Button size="sm" variant="secondary" className="pa-renew" onClick={() => setAction({ kind: 'renew', grant: g })}>{t('renew')}</Button>
                <Button size="sm" variant="danger" className="pa-revoke" onClick={() => setAction({ kind: 'revoke', grant: g })}>{t('revoke')}</Button>
              </div>
            ) : '',
          ], { key: g.id }))} />
      )}
      {action && (
        <GrantAction action={action} path={`/grants/${action.grant.id}/${action.kind}`} post={api.post}
          onClose={() => setAction(null)}
          onDone={() => { setDone(t(action.kind === 'revoke' ? 'revoked' : 'renewalOpened')); setAction(null); grants.reload(); }} />
      )}
    </>
  );
}

/** Revoke ({reason}) or renew ({days, justification}) one grant, after saying which. Shared with My access. */
export function GrantAction({ action, path, post, onClose, onDone, maxDays }) {
  const { t } = useApp();
  const [reason, setReason] = useState('');
  const [days, setDays] = useState(String(maxDays || 30));
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const revoke = action.kind === 'revoke';
  const label = programmeName(action.grant.role, action.grant.client);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await post(path, revoke ? { reason } : { days: Number(days), justification: reason });
      onDone();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const textField = revoke ? 'reason' : 'justification';
  return (
    <Modal isOpen onClose={onClose} variant="medium" aria-labelledby="pa-grant-title" id="pa-grant-dialog">
      <ModalHeader title={t(revoke ? 'revokeGrant' : 'renewGrant', { role: label })} labelId="pa-grant-title" />
      <ModalBody>
        <Notice error={error} fields={['reason', 'justification', 'days']} />
        <Form onSubmit={(e) => { e.preventDefault(); submit(); }}>
          {!revoke && (
            <Field label={t('days')} name="days" error={error} help={maxDays ? t('maxDays', { days: maxDays }) : null} required>
              <TextInput id="pa-grant-days" type="number" min={1} value={days} onChange={(_e, v) => setDays(v)} isRequired />
            </Field>
          )}
          <Field label={t(revoke ? 'reason' : 'justification')} name={textField} error={error} help={revoke ? null : t('purposeHelp')} required>
            <TextArea id="pa-grant-text" value={reason} onChange={(_e, v) => setReason(v)} isRequired />
          </Field>
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button variant={revoke ? 'danger' : 'primary'} id="pa-grant-confirm" isDisabled={busy || !reason.trim()} onClick={submit}>
          {t(revoke ? 'revoke' : (path.startsWith('/me') ? 'askRenewal' : 'renew'))}
        </Button>
        <Button variant="link" onClick={onClose}>{t('cancel')}</Button>
      </ModalFooter>
    </Modal>
  );
}
