import { useState } from 'react';
import {
  ActionGroup, Alert, Button, Checkbox, DescriptionList, Form, FormSelect, FormSelectOption, Label, Modal, ModalBody, ModalFooter,
  ModalHeader, TextArea, TextInput, Title,
} from '@patternfly/react-core';
import { Empty, Field, Loading, Notice, Problem, Table, splitList, useApp, useLoad } from '../ui.jsx';
import { Row } from './Inbox.jsx';

const STATUSES = ['ACTIVE', 'SUSPENDED', 'OFFBOARDED'];

function statusLabel(status) {
  const color = status === 'ACTIVE' ? 'green' : status === 'SUSPENDED' ? 'orange' : 'grey';
  return <Label color={color} className="pa-status">{status}</Label>;
}

export function Partners() {
  const { t, api, can, navigate } = useApp();
  const [filter, setFilter] = useState({ tier: '', region: '', status: '' });
  const [applied, setApplied] = useState(filter);
  const partners = useLoad(() => api.get('/partners', applied), [applied]);

  const link = (p) => (
    <a href={`partners/${p.id}`} className="pa-partner-link" onClick={(e) => { e.preventDefault(); navigate(`partners/${p.id}`); }}>{p.name}</a>
  );

  return (
    <>
      <Title headingLevel="h1">{t('partnersTitle')}</Title>
      <Form className="pa-toolbar" onSubmit={(e) => { e.preventDefault(); setApplied(filter); }}>
        <Field label={t('tier')} name="f-tier">
          <TextInput id="pa-f-tier" value={filter.tier} onChange={(_e, v) => setFilter({ ...filter, tier: v })} />
        </Field>
        <Field label={t('region')} name="f-region">
          <TextInput id="pa-f-region" value={filter.region} onChange={(_e, v) => setFilter({ ...filter, region: v })} />
        </Field>
        <Field label={t('status')} name="f-status">
          <FormSelect id="pa-f-status" value={filter.status} onChange={(_e, v) => setFilter({ ...filter, status: v })}>
            <FormSelectOption value="" label={t('any')} />
            {STATUSES.map((s) => <FormSelectOption key={s} value={s} label={s} />)}
          </FormSelect>
        </Field>
        <Button type="submit" variant="secondary" id="pa-apply">{t('apply')}</Button>
        {can.manageUsers && <Button variant="primary" id="pa-new-partner" onClick={() => navigate('partners/new')}>{t('newPartner')}</Button>}
      </Form>
      {partners.loading && <Loading />}
      <Problem error={partners.error} onRetry={partners.reload} />
      {partners.data && partners.data.length === 0 && <Empty text={t('partnersEmpty')} />}
      {partners.data && partners.data.length > 0 && (
        <Table label={t('partnersTitle')} id="pa-partners"
          columns={[t('name'), t('tier'), t('region'), t('status'), t('members')]}
          rows={partners.data.map((p) => Object.assign([link(p), p.tier, p.region, statusLabel(p.status), p.memberCount], { key: p.id }))} />
      )}
    </>
  );
}

export function PartnerDetail({ id }) {
  const { t, api, can, navigate } = useApp();
  const partner = useLoad(() => api.get(`/partners/${id}`), [id]);
  const members = useLoad(() => api.get(`/partners/${id}/members`), [id]);
  const owner = useLoad(() => (partner.data?.businessOwner ? api.user(partner.data.businessOwner).catch(() => null) : Promise.resolve(null)),
    [partner.data?.businessOwner]);
  const [action, setAction] = useState(null);
  const [done, setDone] = useState(null);

  const back = <Button variant="link" isInline id="pa-back" onClick={() => navigate('partners')}>{t('backToPartners')}</Button>;
  if (partner.loading && !partner.data) {
    return <Loading />;
  }
  if (partner.error) {
    return <>{back}<Problem error={partner.error} onRetry={partner.reload} /></>;
  }
  const p = partner.data;
  return (
    <>
      {back}
      <Title headingLevel="h1" id="pa-partner-name">{p.name} {statusLabel(p.status)}</Title>
      {done && <Alert variant="success" isInline title={done} className="pa-notice pa-success" role="status" />}
      <DescriptionList isHorizontal isCompact id="pa-partner-profile">
        <Row term={t('tier')} value={p.tier} />
        <Row term={t('region')} value={p.region} />
        <Row term={t('status')} value={p.status} />
        <Row term={t('businessOwner')} value={owner.data ? `${owner.data.username}${owner.data.email ? ' <' + owner.data.email + '>' : ''}` : p.businessOwner} />
        <Row term={t('domains')} value={(p.domains || []).join(', ')} />
        <Row term={t('businessUnits')} value={(p.businessUnits || []).join(', ')} />
        <Row term={t('idp')} value={p.idp ? `${p.idp}${p.enforceIdp ? ' ✓' : ''}` : '—'} />
      </DescriptionList>
      {can.manageUsers && (
        <div className="pa-actions" style={{ marginTop: '1rem' }}>
          {p.status === 'ACTIVE' && <Button variant="secondary" id="pa-suspend" onClick={() => setAction('suspend')}>{t('suspend')}</Button>}
          {p.status === 'SUSPENDED' && <Button variant="secondary" id="pa-reactivate" onClick={() => setAction('reactivate')}>{t('reactivate')}</Button>}
          {p.status !== 'OFFBOARDED' && <Button variant="danger" id="pa-offboard" onClick={() => setAction('offboard')}>{t('offboard')}</Button>}
        </div>
      )}
      <Title headingLevel="h2" className="pa-section-title">{t('members')}</Title>
      {members.loading && <Loading />}
      <Problem error={members.error} />
      {members.data && members.data.length === 0 && <Empty text={t('noMembers')} />}
      {members.data && members.data.length > 0 && (
        <Table label={t('members')} id="pa-members" columns={[t('username'), t('email'), t('businessUnit')]}
          rows={members.data.map((m) => Object.assign([m.username, m.email, m.businessUnit], { key: m.userId }))} />
      )}
      {action && (
        <StatusChange partner={p} action={action} memberCount={members.data?.length ?? p.memberCount}
          onClose={() => setAction(null)}
          onDone={(updated) => { setAction(null); setDone(t('partnerChanged', { name: updated.name, status: updated.status })); partner.reload(); }} />
      )}
    </>
  );
}

function StatusChange({ partner, action, memberCount, onClose, onDone }) {
  const { t, api } = useApp();
  const [reason, setReason] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const grants = useLoad(() => (action === 'offboard'
    ? api.get('/grants', { partner: partner.id, status: 'ACTIVE', max: 1000 }) : Promise.resolve([])), [action]);

  const text = action === 'offboard'
    ? t('confirmOffboard', { name: partner.name, grants: grants.loading ? '…' : (grants.data || []).length, members: memberCount })
    : t(action === 'suspend' ? 'confirmSuspend' : 'confirmReactivate', { name: partner.name });

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(await api.post(`/partners/${partner.id}/${action}`, { reason }));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <Modal isOpen onClose={onClose} variant="medium" aria-labelledby="pa-confirm-title" id="pa-confirm">
      <ModalHeader title={`${t(action)}: ${partner.name}`} labelId="pa-confirm-title" titleIconVariant={action === 'offboard' ? 'warning' : undefined} />
      <ModalBody>
        <p id="pa-confirm-text" style={{ marginBottom: '1rem' }}>{text}</p>
        <Notice error={error} fields={['reason']} />
        <Form onSubmit={(e) => { e.preventDefault(); submit(); }}>
          <Field label={t('reason')} name="reason" error={error} required>
            <TextArea id="pa-reason" value={reason} onChange={(_e, v) => setReason(v)} isRequired />
          </Field>
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button variant={action === 'offboard' ? 'danger' : 'primary'} id="pa-confirm-button" isDisabled={busy || !reason.trim() || grants.loading} onClick={submit}>{t(action)}</Button>
        <Button variant="link" onClick={onClose}>{t('cancel')}</Button>
      </ModalFooter>
    </Modal>
  );
}

export function PartnerIntake() {
  const { t, api, navigate } = useApp();
  const [form, setForm] = useState({ name: '', domains: '', tier: '', region: '', owner: '', units: '', idp: '', enforceIdp: false });
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const policy = useLoad(() => api.get('/policy').catch(() => null), []);
  const tiers = policy.data?.tiers?.map((tier) => tier.name) || [];
  const set = (key) => (_e, v) => setForm({ ...form, [key]: v });

  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      let businessOwner = null;
      if (form.owner.trim()) {
        const found = await api.findUser(form.owner.trim());
        if (!found.length) {
          throw Object.assign(new Error(t('unknownUser', { user: form.owner })), { status: 400, field: 'businessOwner' });
        }
        businessOwner = found[0].id;
      }
      const body = { name: form.name, domains: splitList(form.domains), tier: form.tier, region: form.region, businessOwner };
      if (form.units.trim()) body.businessUnits = splitList(form.units);
      if (form.idp.trim()) {
        body.idp = form.idp.trim();
        body.enforceIdp = form.enforceIdp;
      }
      const created = await api.post('/partners', body);
      navigate(`partners/${created.id}`);
    } catch (e2) {
      setError(e2);
      setBusy(false);
    }
  };

  const fields = ['name', 'domains', 'tier', 'region', 'businessOwner', 'businessUnits', 'idp', 'enforceIdp'];
  return (
    <>
      <Button variant="link" isInline onClick={() => navigate('partners')}>{t('backToPartners')}</Button>
      <Title headingLevel="h1">{t('intakeTitle')}</Title>
      <Notice error={error} fields={fields} />
      <Form onSubmit={submit} id="pa-intake" style={{ maxWidth: '40rem' }}>
        <Field label={t('name')} name="name" error={error} required>
          <TextInput id="pa-name" value={form.name} onChange={set('name')} isRequired />
        </Field>
        <Field label={t('domains')} name="domains" error={error} help={t('domainsHelp')} required>
          <TextInput id="pa-domains" value={form.domains} onChange={set('domains')} isRequired />
        </Field>
        <Field label={t('tier')} name="tier" error={error} required>
          <FormSelect id="pa-tier" value={form.tier} onChange={set('tier')} isRequired>
            <FormSelectOption value="" label="—" />
            {tiers.map((name) => <FormSelectOption key={name} value={name} label={name} />)}
          </FormSelect>
        </Field>
        <Field label={t('region')} name="region" error={error} required>
          <TextInput id="pa-region" value={form.region} onChange={set('region')} isRequired />
        </Field>
        <Field label={t('businessOwner')} name="businessOwner" error={error} help={t('businessOwnerHelp')} required>
          <TextInput id="pa-businessOwner" value={form.owner} onChange={set('owner')} isRequired />
        </Field>
        <Field label={t('businessUnits')} name="businessUnits" error={error} help={t('businessUnitsHelp')}>
          <TextInput id="pa-businessUnits" value={form.units} onChange={set('units')} />
        </Field>
        <Field label={t('idp')} name="idp" error={error} help={t('idpHelp')}>
          <TextInput id="pa-idp" value={form.idp} onChange={set('idp')} />
        </Field>
        <Checkbox id="pa-enforceIdp" label={t('enforceIdp')} isChecked={form.enforceIdp} onChange={(_e, v) => setForm({ ...form, enforceIdp: v })} />
        <ActionGroup>
          <Button type="submit" variant="primary" id="pa-create" isDisabled={busy}>{t('create')}</Button>
        </ActionGroup>
      </Form>
    </>
  );
}
