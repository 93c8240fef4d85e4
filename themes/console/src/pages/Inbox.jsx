import { useEffect, useState } from 'react';
import {
  ActionGroup, Alert, Button, Card, CardBody, CardTitle, Content, DescriptionList, DescriptionListDescription,
  DescriptionListGroup, DescriptionListTerm, Form, FormSelect, FormSelectOption, Label, TextArea, Title,
} from '@patternfly/react-core';
import { Empty, Field, Loading, Problem, programmeName, useApp, useLoad, when } from '../ui.jsx';
import { ExceptionBadge } from './MyAccess.jsx';

/** Requests with a stage the signed-in user may decide: GET /requests?awaiting=me. */
export function Inbox() {
  const { t, api } = useApp();
  const inbox = useLoad(() => api.get('/requests', { awaiting: 'me' }), []);
  const [done, setDone] = useState(null);
  // A link to one request (from a content package in review) names its card after '#'.
  useEffect(() => {
    const target = window.location.hash.slice(1);
    if (inbox.data && target) {
      document.getElementById(target)?.scrollIntoView();
    }
  }, [inbox.data]);

  return (
    <>
      <Title headingLevel="h1">{t('inboxTitle')}</Title>
      <Content component="p">{t('inboxIntro')}</Content>
      {done && <Alert variant="success" isInline title={done} className="pa-notice pa-success" role="status" id="pa-decided" />}
      {inbox.loading && <Loading />}
      <Problem error={inbox.error} onRetry={inbox.reload} />
      {inbox.data && inbox.data.length === 0 && <Empty text={t('inboxEmpty')} id="pa-inbox-empty" />}
      {inbox.data && inbox.data.map((request) => (
        <InboxRequest key={request.id} request={request} onDecided={(text) => { setDone(text); inbox.reload(); }} />
      ))}
    </>
  );
}

function InboxRequest({ request, onDecided }) {
  const { t, language, api, can } = useApp();
  const pending = request.stages.filter((s) => s.status === 'PENDING');
  // Preselect the stage the user's roles point to; the server still decides who may decide it.
  const mine = pending.find((s) => can.realmRoles.includes(`partner-approver-${s.stage}`)
    || (s.stage === 'regional' && can.realmRoles.includes(`partner-approver-region-${(request.partnerRegion || '').toLowerCase()}`)));
  const [stage, setStage] = useState((mine || pending[0])?.stage);
  const [justification, setJustification] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  const decide = async (decision) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await api.post(`/requests/${request.id}/decision`, { stage, decision, justification });
      onDecided(t('decided', { stage, decision: t(decision === 'approve' ? 'decisionApproved' : 'decisionRejected'), status: updated.status }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const missing = justification.trim() === '';
  return (
    <Card className="pa-card pa-request" id={`pa-request-${request.id}`} data-request={request.id}>
      <CardTitle>
        <Title headingLevel="h2" size="lg">
          {t('requestFor', { role: programmeName(request.role, request.client), user: request.username || request.user })}
          {' '}
          {request.type === 'RENEWAL' && <Label color="blue">{t('renewal')}</Label>}
          {request.type === 'CONTENT_RELEASE' && <Label color="purple" className="pa-content-release">{t('contentRelease')}</Label>}
          {request.exception && <ExceptionBadge />}
        </Title>
      </CardTitle>
      <CardBody>
        <DescriptionList isHorizontal isCompact>
          <Row term={t('partner')} value={`${request.partnerName || request.partner} (${t('tier')} ${request.partnerTier || '?'}, ${t('region')} ${request.partnerRegion || '?'})`} />
          <Row term={t('businessPurpose')} value={request.businessPurpose} />
          <Row term={t('days')} value={request.days} />
          {request.exception && <Row term={t('exceptionReason')} value={request.exceptionReason} />}
          {Object.entries(request.answers || {}).map(([question, answer]) => (
            <Row key={question} term={t('answerTo', { question })} value={<span className="pa-answer" data-question={question}>{answer}</span>} />
          ))}
          <Row term={t('policyVersion')} value={request.policyVersion} />
          <Row term={t('created')} value={`${when(request.createdAt, language)} · ${t('requestedBy', { user: request.createdByUsername || request.createdBy })}`} />
        </DescriptionList>
        <Title headingLevel="h3" size="md" className="pa-section-title">{t('stages')}</Title>
        <ul className="pa-stages">
          {request.stages.map((s) => (
            <li key={s.stage} data-stage={s.stage} data-status={s.status}>
              {s.status === 'PENDING'
                ? t('stagePending', { stage: s.stage })
                : t('stageDecided', { stage: s.stage, status: s.status, by: s.decidedByUsername || s.decidedBy || '', at: when(s.decidedAt, language) })}
              {s.onBehalfOf ? ` (${t('onBehalfOf')})` : ''}
              {s.status === 'PENDING' && s.escalated ? ` (${t('escalated')})` : ''}
              {s.justification ? ` — “${s.justification}”` : ''}
            </li>
          ))}
        </ul>
        {error && (
          <Alert variant="danger" isInline title={error.status === 403 ? t('refusedTitle') : t('errorTitle')} className="pa-notice pa-refused" role="alert">
            <p>{error.message}</p>
            {error.status === 403 && <p>{t('sodHint')}</p>}
          </Alert>
        )}
        {pending.length > 0 && (
          <Form onSubmit={(e) => e.preventDefault()}>
            {pending.length > 1 && (
              <Field label={t('stages')} name="stage" error={error}>
                <FormSelect id="pa-stage" value={stage} onChange={(_e, v) => setStage(v)}>
                  {pending.map((s) => <FormSelectOption key={s.stage} value={s.stage} label={s.stage} />)}
                </FormSelect>
              </Field>
            )}
            <Field label={`${t('justification')} · ${t('decideStage', { stage })}`} name="justification" error={error} help={t('justificationHelp')} required>
              <TextArea id="pa-justification" name="justification" value={justification} isRequired
                onChange={(_e, v) => setJustification(v)} aria-describedby="pa-justification-help" />
            </Field>
            <ActionGroup>
              <Button variant="primary" id="pa-approve" isDisabled={busy || missing} onClick={() => decide('approve')}>{t('approve')}</Button>
              <Button variant="danger" id="pa-reject" isDisabled={busy || missing} onClick={() => decide('reject')}>{t('reject')}</Button>
            </ActionGroup>
          </Form>
        )}
      </CardBody>
    </Card>
  );
}

function Row({ term, value }) {
  return (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription>{value}</DescriptionListDescription>
    </DescriptionListGroup>
  );
}

export { Row };
