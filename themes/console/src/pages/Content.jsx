import { useState } from 'react';
import {
  ActionGroup, Alert, Button, Content as Text, Form, FormSelect, FormSelectOption, Label, TextArea, TextInput, Title,
} from '@patternfly/react-core';
import { Empty, Field, Loading, Notice, Problem, Table, splitList, timeLeft, useApp, useLoad, when } from '../ui.jsx';

const STATUSES = ['DRAFT', 'IN_REVIEW', 'RELEASED', 'WITHDRAWN', 'EXPIRED', 'REJECTED'];
const STATUS_COLORS = { DRAFT: 'grey', IN_REVIEW: 'blue', RELEASED: 'green', WITHDRAWN: 'orange', EXPIRED: 'grey', REJECTED: 'red' };

function contentStatus(status) {
  return <Label color={STATUS_COLORS[status] || 'grey'} className="pa-status" data-status={status}>{status}</Label>;
}

/**
 * A package's address as a link only when it is a web address or a path on this server: the server accepts any
 * absolute URI, and a javascript: or data: address must never become something a partner clicks.
 */
export function ContentLink({ uri }) {
  if (!uri) {
    return null;
  }
  const safe = /^https?:\/\//i.test(uri) || (uri.startsWith('/') && !uri.startsWith('//'));
  return safe
    ? <a href={uri} className="pa-content-uri" target="_blank" rel="noopener noreferrer">{uri}</a>
    : <span className="pa-content-uri">{uri}</span>;
}

/** Content packages for admins: GET /content with filters, POST /content, /content/{id}/submit and /withdraw. */
export function ContentPage() {
  const { t, api, can } = useApp();
  const policy = useLoad(() => api.get('/policy').catch((e) => (e.status === 404 ? null : Promise.reject(e))), []);
  const [status, setStatus] = useState('');
  const [kind, setKind] = useState('');
  const [tick, setTick] = useState(0);
  const list = useLoad(() => api.get('/content', { status, kind, max: 1000 }), [status, kind, tick]);
  const [done, setDone] = useState(null);
  const changed = (text) => {
    setDone(text);
    setTick((n) => n + 1);
  };
  const kinds = policy.data?.content?.kinds || [];
  const tiers = policy.data?.tiers || [];

  return (
    <>
      <Title headingLevel="h1">{t('contentTitle')}</Title>
      <Text component="p">{t('contentIntro')}</Text>
      {done && <Alert variant="success" isInline title={done} className="pa-notice pa-success" role="status" id="pa-content-done" />}

      <Form isHorizontal className="pa-filters" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('status')} name="content-status">
          <FormSelect id="pa-content-status" value={status} onChange={(_e, v) => setStatus(v)}>
            <FormSelectOption value="" label={t('any')} />
            {STATUSES.map((s) => <FormSelectOption key={s} value={s} label={s} />)}
          </FormSelect>
        </Field>
        <Field label={t('contentKind')} name="content-kind">
          <FormSelect id="pa-content-kind" value={kind} onChange={(_e, v) => setKind(v)}>
            <FormSelectOption value="" label={t('any')} />
            {kinds.map((k) => <FormSelectOption key={k.name} value={k.name} label={k.name} />)}
          </FormSelect>
        </Field>
      </Form>

      {list.loading && <Loading />}
      <Problem error={list.error} onRetry={list.reload} />
      {!list.loading && list.data && list.data.length === 0 && (
        <Empty text={status || kind ? t('contentNoneMatching') : t('contentEmpty')} id="pa-content-empty" />
      )}
      {!list.loading && list.data && list.data.length > 0 && <PackageTable packages={list.data} onChanged={changed} />}

      {can.manageUsers && (
        policy.loading ? <Loading /> : policy.error ? <Problem error={policy.error} onRetry={policy.reload} />
          : <CreatePackage kinds={kinds} tiers={tiers} onCreated={changed} />
      )}
    </>
  );
}

function PackageTable({ packages, onChanged }) {
  const { t, api, can, language, navigate } = useApp();
  const [withdrawing, setWithdrawing] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  const submit = async (p) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await api.post(`/content/${encodeURIComponent(p.id)}/submit`);
      onChanged(t('contentSubmitted', { name: p.name, status: updated.status }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const release = (p) => {
    if (p.status === 'RELEASED') {
      return `${when(p.releasedAt, language)} – ${when(p.expiresAt, language)} (${timeLeft(p.expiresAt, t)})`;
    }
    if (p.endedAt) {
      return `${t('contentEnded', { at: when(p.endedAt, language) })}${p.endReason ? ` — “${p.endReason}”` : ''}`;
    }
    return t('contentDaysAsked', { days: p.days });
  };

  const actions = (p) => {
    if (!can.manageUsers) {
      return p.status === 'IN_REVIEW' ? inboxLink(p) : null;
    }
    if (p.status === 'DRAFT') {
      return <Button size="sm" variant="primary" className="pa-content-submit" isDisabled={busy} onClick={() => submit(p)}>{t('contentSubmit')}</Button>;
    }
    if (p.status === 'RELEASED') {
      return <Button size="sm" variant="danger" className="pa-content-withdraw" onClick={() => setWithdrawing(p)}>{t('contentWithdraw')}</Button>;
    }
    return p.status === 'IN_REVIEW' ? inboxLink(p) : null;
  };

  // The request waits in the approvers' inbox; the link opens it there, scrolled to its card.
  const inboxLink = (p) => (
    <a href={`inbox#pa-request-${p.requestId}`} className="pa-content-request" data-request={p.requestId}
      onClick={(e) => { e.preventDefault(); navigate(`inbox#pa-request-${p.requestId}`); }}>
      {t('contentOpenRequest')}
    </a>
  );

  return (
    <>
      <Notice error={error} />
      <Table label={t('contentTitle')} id="pa-content"
        columns={[t('contentName'), t('contentKind'), t('client'), t('contentMinTier'), t('contentRegions'), t('status'), t('contentWindow'), t('actions')]}
        rows={packages.map((p) => Object.assign([
          <>{p.name}{p.uri && <><br /><ContentLink uri={p.uri} /></>}</>,
          p.kind, p.client, p.minTier, p.regions.join(', '), contentStatus(p.status), release(p), actions(p),
        ], { key: p.id }))} />
      {withdrawing && (
        <Withdraw pkg={withdrawing} onClose={() => setWithdrawing(null)}
          onDone={(updated) => { setWithdrawing(null); onChanged(t('contentWithdrawn', { name: updated.name })); }} />
      )}
    </>
  );
}

function Withdraw({ pkg, onClose, onDone }) {
  const { t, api } = useApp();
  const [reason, setReason] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  const send = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(await api.post(`/content/${encodeURIComponent(pkg.id)}/withdraw`, { reason }));
    } catch (e2) {
      setError(e2);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="pa-section" id="pa-content-withdrawal">
      <Title headingLevel="h2" size="lg" className="pa-section-title">{t('contentWithdrawTitle', { name: pkg.name })}</Title>
      <Notice error={error} fields={['reason']} />
      <Form onSubmit={send} style={{ maxWidth: '40rem' }}>
        <Field label={t('reason')} name="reason" error={error} help={t('contentWithdrawHelp')} required>
          <TextArea id="pa-reason" value={reason} onChange={(_e, v) => setReason(v)} isRequired aria-describedby="pa-reason-help" />
        </Field>
        <ActionGroup>
          <Button type="submit" variant="danger" id="pa-content-withdraw-confirm" isDisabled={busy || !reason.trim()}>{t('contentWithdraw')}</Button>
          <Button variant="link" onClick={onClose}>{t('cancel')}</Button>
        </ActionGroup>
      </Form>
    </section>
  );
}

const EMPTY_FORM = { name: '', kind: '', client: '', uri: '', owner: '', minTier: '', regions: '', days: '' };

function CreatePackage({ kinds, tiers, onCreated }) {
  const { t, api } = useApp();
  const [form, setForm] = useState(EMPTY_FORM);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (name) => (_e, v) => setForm({ ...form, [name]: v });
  const kind = kinds.find((k) => k.name === (form.kind || kinds[0]?.name));

  const create = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const found = form.owner.trim() ? await api.findUser(form.owner.trim()) : [];
      if (!found.length) {
        throw Object.assign(new Error(form.owner.trim() ? t('unknownUser', { user: form.owner }) : t('contentOwnerRequired')),
          { status: 400, field: 'owner' });
      }
      const body = {
        name: form.name, kind: form.kind || kinds[0]?.name, client: form.client, owner: found[0].id,
        minTier: form.minTier || tiers[0]?.name, regions: splitList(form.regions), days: Number(form.days),
      };
      if (form.uri.trim()) body.uri = form.uri.trim();
      const created = await api.post('/content', body);
      setForm(EMPTY_FORM);
      onCreated(t('contentCreated', { name: created.name }));
    } catch (e2) {
      setError(e2);
    } finally {
      setBusy(false);
    }
  };

  const fields = ['name', 'kind', 'client', 'uri', 'owner', 'minTier', 'regions', 'days'];
  return (
    <section className="pa-section" id="pa-content-create">
      <Title headingLevel="h2" className="pa-section-title">{t('contentCreateTitle')}</Title>
      {kinds.length === 0 ? <Empty text={t('contentNoKinds')} id="pa-content-no-kinds" /> : (
        <>
          <Notice error={error} fields={fields} />
          <Form onSubmit={create} id="pa-content-form" style={{ maxWidth: '40rem' }}>
            <Field label={t('contentName')} name="name" error={error} required>
              <TextInput id="pa-name" value={form.name} onChange={set('name')} isRequired />
            </Field>
            <Field label={t('contentKind')} name="kind" error={error} required
              help={kind ? t('contentKindHelp', { stages: kind.stages?.length ? kind.stages.join(', ') : t('contentNoStages'), days: kind.maxReleaseDays }) : null}>
              <FormSelect id="pa-kind" value={form.kind || kinds[0]?.name} onChange={set('kind')}>
                {kinds.map((k) => <FormSelectOption key={k.name} value={k.name} label={k.name} />)}
              </FormSelect>
            </Field>
            <Field label={t('client')} name="client" error={error} help={t('contentClientHelp')} required>
              <TextInput id="pa-client" value={form.client} onChange={set('client')} isRequired />
            </Field>
            <Field label={t('contentUri')} name="uri" error={error} help={t('contentUriHelp')}>
              <TextInput id="pa-uri" value={form.uri} onChange={set('uri')} />
            </Field>
            <Field label={t('contentOwner')} name="owner" error={error} help={t('contentOwnerHelp')} required>
              <TextInput id="pa-owner" value={form.owner} onChange={set('owner')} isRequired />
            </Field>
            <Field label={t('contentMinTier')} name="minTier" error={error} required>
              <FormSelect id="pa-minTier" value={form.minTier || tiers[0]?.name || ''} onChange={set('minTier')}>
                {tiers.map((tier) => <FormSelectOption key={tier.name} value={tier.name} label={tier.name} />)}
              </FormSelect>
            </Field>
            <Field label={t('contentRegions')} name="regions" error={error} help={t('contentRegionsHelp')} required>
              <TextInput id="pa-regions" value={form.regions} onChange={set('regions')} isRequired />
            </Field>
            <Field label={t('days')} name="days" error={error} help={kind ? t('maxDays', { days: kind.maxReleaseDays }) : null} required>
              <TextInput id="pa-days" type="number" min={1} max={kind?.maxReleaseDays} value={form.days} onChange={set('days')} isRequired />
            </Field>
            <ActionGroup>
              <Button type="submit" variant="primary" id="pa-content-create-button" isDisabled={busy}>{t('contentCreate')}</Button>
            </ActionGroup>
          </Form>
        </>
      )}
    </section>
  );
}

/** What the signed-in partner user may view now: GET /realms/{realm}/partner-access/me/content. */
export function MyContent() {
  const { t, api, language } = useApp();
  const list = useLoad(() => api.selfGet('/me/content'), []);
  return (
    <section className="pa-section" id="pa-my-content-section">
      <Title headingLevel="h2" className="pa-section-title">{t('myContent')}</Title>
      {list.loading && <Loading />}
      <Problem error={list.error} onRetry={list.reload} />
      {!list.loading && list.data && list.data.length === 0 && <Empty text={t('myContentEmpty')} id="pa-my-content-empty" />}
      {!list.loading && list.data && list.data.length > 0 && (
        <Table label={t('myContent')} id="pa-my-content" columns={[t('contentName'), t('contentKind'), t('contentUri'), t('contentReleaseEnds'), t('timeLeft')]}
          rows={list.data.map((c) => Object.assign([
            c.name, c.kind, <ContentLink uri={c.uri} />, when(c.expiresAt, language), c.expiresAt ? timeLeft(c.expiresAt, t) : '',
          ], { key: c.id }))} />
      )}
    </section>
  );
}
