import { useEffect, useState, type FormEvent } from 'react';
import { ActionGroup, Alert, Button, Form, TextArea, Title } from '@patternfly/react-core';
import { ApiError } from '../api';
import { fieldOf, statusOf } from '../errors';
import type { EvidenceRecord, PolicyDocument } from '../types';
import { Empty, Field, Loading, Problem, Success, Table, row, useApp, useLoad, when } from '../ui';

const SERVER_FIELDS = ['version', 'updatedAt', 'updatedBy'];

/** GET and PUT /policy; the history is the ledger's POLICY_CHANGED records (the API keeps no other history). */
export function PolicyPage() {
  const { t, api, can, language } = useApp();
  // A realm without a policy answers 404: that is "no policy yet", not a failure.
  const policy = useLoad(() => api.get<PolicyDocument>('/policy')
    .catch((e: unknown) => (statusOf(e) === 404 ? null : Promise.reject(e))), []);
  const history = useLoad(() => api.get<EvidenceRecord[]>('/evidence', { type: 'POLICY_CHANGED', max: 1000 }), [policy.data?.version]);
  const editor = policy.data?.updatedBy;
  const author = useLoad(() => (editor ? api.user(editor) : Promise.resolve(null)), [editor]);
  const [text, setText] = useState('');
  const [error, setError] = useState<{ status: number; field: string | null; message: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (policy.data) {
      const document: Record<string, unknown> = { ...policy.data };
      SERVER_FIELDS.forEach((f) => delete document[f]);
      setText(JSON.stringify(document, null, 2));
    }
  }, [policy.data]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(null);
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (parseError) {
      setError({ status: 400, field: 'policy', message: t('policyInvalidJson', { message: (parseError as Error).message }) });
      return;
    }
    setBusy(true);
    try {
      const stored = await api.put<PolicyDocument>('/policy', document);
      setSaved(t('policySaved', { version: stored.version }));
      policy.reload();
    } catch (e2) {
      setError({ status: statusOf(e2), field: fieldOf(e2), message: (e2 as Error).message });
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
  // The policy's own field paths (tiers[0].rank) are shown as the API names them: they are the document's.
  const fieldMessage = error && (error.field === 'policy' ? error.message
    : error.field ? t('fieldError', { field: error.field, message: error.message }) : error.message);
  const fromLedger = history.data?.find((r) => r.details?.version === p?.version)?.details?.actorUsername;
  const editorName = (typeof fromLedger === 'string' && fromLedger) || author.data?.username
    // The editor may be an admin of another realm (master), whom this realm's user API does not know.
    || (statusOf(author.error) === 404 ? t('policyEditorElsewhere', { id: editor }) : editor);
  return (
    <>
      <Title headingLevel="h1">{t('policyTitle')}</Title>
      <p id="pa-policy-meta">{p ? t('policyMeta', { version: p.version, at: when(p.updatedAt, language), by: editorName })
        : t('policyNone')}</p>
      {author.error !== null && statusOf(author.error) !== 404 && <Problem error={author.error} id="pa-author-error" />}
      {!can.manageRealm && <Alert variant="info" isInline title={t('readOnly')} className="pa-notice" />}
      <Success text={saved} />
      {error && error.status === 403 && <Problem error={new ApiError(403, { message: error.message })} />}
      <Form onSubmit={save}>
        <Field label={t('policyDocument')} name="policy" help={t('policyHelp')}
          error={error && error.status !== 403 ? new ApiError(400, { message: fieldMessage }, 'policy') : null}>
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
      {history.error !== null && (statusOf(history.error) === 403 ? <p id="pa-history-not-allowed">{t('historyNotAllowed')}</p>
        : <Problem error={history.error} onRetry={history.reload} id="pa-history-error" />)}
      {history.data && history.data.length === 0 && <Empty text={t('historyNone')} />}
      {history.data && history.data.length > 0 && (
        <Table label={t('historyTitle')} id="pa-policy-history" columns={[t('policyVersion'), t('time'), t('actor')]}
          rows={[...history.data].reverse().map((r) => row(r.seq, [
            String(r.details?.version ?? ''), when(r.time, language), String(r.details?.actorUsername || r.actor),
          ]))} />
      )}
    </>
  );
}
