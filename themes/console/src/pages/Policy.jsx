import { useEffect, useState } from 'react';
import { ActionGroup, Alert, Button, Form, TextArea, Title } from '@patternfly/react-core';
import { Empty, Field, Loading, Problem, Table, useApp, useLoad, when } from '../ui.jsx';

const SERVER_FIELDS = ['version', 'updatedAt', 'updatedBy'];

/** GET and PUT /policy; the history is the ledger's POLICY_CHANGED records (the API keeps no other history). */
export function PolicyPage() {
  const { t, api, can, language } = useApp();
  const policy = useLoad(() => api.get('/policy').catch((e) => (e.status === 404 ? null : Promise.reject(e))), []);
  const history = useLoad(() => api.get('/evidence', { type: 'POLICY_CHANGED', max: 1000 }), [policy.data?.version]);
  const author = useLoad(() => (policy.data?.updatedBy ? api.user(policy.data.updatedBy).catch(() => null) : Promise.resolve(null)),
    [policy.data?.updatedBy]);
  const [text, setText] = useState('');
  const [error, setError] = useState(null);
  const [saved, setSaved] = useState(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (policy.data) {
      const document = { ...policy.data };
      SERVER_FIELDS.forEach((f) => delete document[f]);
      setText(JSON.stringify(document, null, 2));
    }
  }, [policy.data]);

  const save = async (e) => {
    e.preventDefault();
    setError(null);
    setSaved(null);
    let document;
    try {
      document = JSON.parse(text);
    } catch (parseError) {
      setError({ field: 'policy', message: t('policyInvalidJson', { message: parseError.message }) });
      return;
    }
    setBusy(true);
    try {
      const stored = await api.put('/policy', document);
      setSaved(t('policySaved', { version: stored.version }));
      policy.reload();
    } catch (e2) {
      setError(e2);
    } finally {
      setBusy(false);
    }
  };

  if (policy.loading && !policy.data) {
    return <Loading />;
  }
  if (policy.error) {
    return <><Title headingLevel="h1">{t('policyTitle')}</Title><Problem error={policy.error} onRetry={policy.reload} /></>;
  }
  const p = policy.data;
  const fieldMessage = error && (error.field === 'policy' ? error.message
    : error.field ? t('fieldError', { field: error.field, message: error.message }) : error.message);
  return (
    <>
      <Title headingLevel="h1">{t('policyTitle')}</Title>
      <p id="pa-policy-meta">{p ? t('policyMeta', { version: p.version, at: when(p.updatedAt, language), by: author.data?.username || p.updatedBy })
        : t('policyNone')}</p>
      {!can.manageRealm && <Alert variant="info" isInline title={t('readOnly')} className="pa-notice" />}
      {saved && <Alert variant="success" isInline title={saved} className="pa-notice pa-success" role="status" />}
      {error && error.status === 403 && <Problem error={error} />}
      <Form onSubmit={save}>
        <Field label={t('policyDocument')} name="policy" help={t('policyHelp')}
          error={error && error.status !== 403 ? { field: 'policy', message: fieldMessage } : null}>
          <TextArea id="pa-policy" className="pa-policy" value={text} onChange={(_e, v) => setText(v)} readOnlyVariant={can.manageRealm ? undefined : 'default'}
            validated={error && error.status !== 403 ? 'error' : 'default'} resizeOrientation="vertical" aria-describedby="pa-policy-help" rows={24} />
        </Field>
        {can.manageRealm && (
          <ActionGroup>
            <Button type="submit" variant="primary" id="pa-save-policy" isDisabled={busy}>{t('save')}</Button>
          </ActionGroup>
        )}
      </Form>
      <Title headingLevel="h2" className="pa-section-title">{t('historyTitle')}</Title>
      {history.loading && <Loading />}
      {history.error && (history.error.status === 403 ? <p>{t('historyNotAllowed')}</p> : <Problem error={history.error} />)}
      {history.data && history.data.length === 0 && <Empty text={t('historyNone')} />}
      {history.data && history.data.length > 0 && (
        <Table label={t('historyTitle')} id="pa-policy-history" columns={[t('policyVersion'), t('time'), t('actor')]}
          rows={[...history.data].reverse().map((r) => Object.assign([r.details?.version ?? '', when(r.time, language), r.details?.actorUsername || r.actor], { key: r.seq }))} />
      )}
    </>
  );
}
