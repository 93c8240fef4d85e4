import { useState } from 'react';
import {
  ActionGroup, Alert, Button, Checkbox, Form, FormSelect, FormSelectOption, Label, TextArea, TextInput, Title,
} from '@patternfly/react-core';
import { Empty, Field, Loading, Notice, Problem, Table, programmeName, timeLeft, useApp, useLoad, when } from '../ui.jsx';
import { Delegation } from './Delegation.jsx';
import { GrantAction, grantStatus } from './Grants.jsx';
import { MyContent } from './Content.jsx';

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
            <>{programmeName(g.role, g.client)}{g.exception && <>{' '}<ExceptionBadge /></>}</>,
            when(g.grantedAt, language), when(g.expiresAt, language), timeLeft(g.expiresAt, t),
            grantStatus(g.status),
            g.exception ? t('exceptionNoRenewal')
              : <Button size="sm" variant="secondary" className="pa-ask-renewal" onClick={() => setRenewing(g)}>{t('askRenewal')}</Button>,
          ], { key: g.id }))} />
      )}

      <Title headingLevel="h2" className="pa-section-title">{t('myRequests')}</Title>
      {data.requests.length === 0 ? <Empty text={t('myRequestsEmpty')} /> : (
        <Table label={t('myRequests')} id="pa-my-requests" columns={[t('programme'), t('created'), t('days'), t('status'), t('stages')]}
          rows={data.requests.map((r) => Object.assign([
            <>{programmeName(r.role, r.client)}{r.type === 'RENEWAL' ? ` (${t('renewal')})` : ''}{r.exception && <>{' '}<ExceptionBadge /></>}</>,
            when(r.createdAt, language), r.days, r.status,
            r.stages.length === 0 ? t('selfService') : (
              <ul className="pa-stages pa-my-stages">
                {r.stages.map((s) => (
                  <li key={s.stage} data-stage={s.stage} data-status={s.status}>{stageText(s, t)}</li>
                ))}
              </ul>
            ),
          ], { key: r.id }))} />
      )}

      {data.partner && <MyContent />}

      {data.partner && <RequestForm programmes={data.programmes || []} onSent={(status) => { setDone(t('requestSent', { status })); me.reload(); }} />}

      <Delegation />

      {renewing && (
        <GrantAction action={{ kind: 'renew', grant: renewing }} path={`/me/grants/${renewing.id}/renew`} post={api.selfPost}
          maxDays={maxDaysOf(renewing)} onClose={() => setRenewing(null)}
          onDone={() => { setRenewing(null); setDone(t('renewalOpened')); me.reload(); }} />
      )}
    </>
  );
}

function RequestForm({ programmes, onSent }) {
  const { t, api, language } = useApp();
  const [choice, setChoice] = useState('0');
  const [days, setDays] = useState('');
  const [purpose, setPurpose] = useState('');
  const [answers, setAnswers] = useState({});
  const [asException, setAsException] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const programme = programmes[Number(choice)];
  const exception = !!programme && (programme.exceptionOnly || (asException && programme.exceptionMaxDays !== undefined));
  const mostDays = programme ? (exception ? programme.exceptionMaxDays : programme.maxDays) : undefined;

  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { role: programme.role, businessPurpose: purpose, days: Number(days || programme.maxDays) };
      if (programme.client) body.client = programme.client;
      const given = Object.fromEntries((programme.questions || []).map((q) => [q.id, answers[q.id] || '']).filter(([, v]) => v.trim() !== ''));
      if (Object.keys(given).length) body.answers = given;
      if (exception) body.exception = { reason };
      const request = await api.selfPost('/me/requests', body);
      setPurpose('');
      setDays('');
      setAnswers({});
      setReason('');
      setAsException(false);
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
          <Notice error={error} fields={['role', 'client', 'days', 'businessPurpose', 'exception', 'exception.reason',
            ...(programme?.questions || []).map((q) => `answers.${q.id}`)]} />
          <Form onSubmit={submit} id="pa-request-form" style={{ maxWidth: '40rem' }}>
            <Field label={t('programme')} name="role" error={error} required>
              <FormSelect id="pa-programme" value={choice} onChange={(_e, v) => { setChoice(v); setAnswers({}); }}>
                {programmes.map((p, i) => (
                  <FormSelectOption key={i} value={String(i)}
                    label={`${programmeName(p.role, p.client)} (${p.stages.length ? p.stages.join(', ') : t('selfService')})${p.exceptionOnly ? ` · ${t('exceptionOnly')}` : ''}`} />
                ))}
              </FormSelect>
            </Field>
            <Field label={t('days')} name="days" error={error} help={programme ? t('maxDays', { days: mostDays }) : null} required>
              <TextInput id="pa-days" type="number" min={1} max={mostDays} value={days} placeholder={String(programme?.maxDays ?? '')}
                onChange={(_e, v) => setDays(v)} />
            </Field>
            <Field label={t('businessPurpose')} name="businessPurpose" error={error} help={t('purposeHelp')} required>
              <TextArea id="pa-purpose" value={purpose} onChange={(_e, v) => setPurpose(v)} isRequired />
            </Field>
            {(programme?.questions || []).map((q) => (
              <Field key={q.id} label={q.text[language] || q.text.en} name={`answers.${q.id}`} error={error} required={q.required}
                help={t('answerHelp', { max: q.maxLength })}>
                <TextArea id={`pa-answers.${q.id}`} name={`answers.${q.id}`} className="pa-answer" data-question={q.id}
                  value={answers[q.id] || ''}
                  onChange={(_e, v) => setAnswers({ ...answers, [q.id]: v })} />
              </Field>
            ))}
            {programme?.exceptionMaxDays !== undefined && !programme.exceptionOnly && (
              <Checkbox id="pa-exception" label={t('askException')} isChecked={asException}
                description={t('exceptionHelp', { days: programme.exceptionMaxDays, stages: (programme.exceptionStages || []).join(', ') })}
                onChange={(_e, v) => setAsException(v)} />
            )}
            {exception && (
              <Field label={t('exceptionReason')} name="exception.reason" error={error} required
                help={programme.exceptionOnly ? t('exceptionOnlyHelp', { days: programme.exceptionMaxDays, stages: (programme.exceptionStages || []).join(', ') }) : t('purposeHelp')}>
                <TextArea id="pa-exception.reason" value={reason} onChange={(_e, v) => setReason(v)} isRequired />
              </Field>
            )}
            <ActionGroup>
              <Button type="submit" variant="primary" id="pa-send-request" isDisabled={busy || !programme}>{t('send')}</Button>
            </ActionGroup>
          </Form>
        </>
      )}
    </>
  );
}

/** An exception to the policy, wherever a request or a grant shows it. */
export function ExceptionBadge() {
  const { t } = useApp();
  return <Label color="orange" className="pa-exception-badge">{t('exceptionBadge')}</Label>;
}

/** "regional: waiting for emea-erin, emea-eve", or who decided it, for the requester. */
function stageText(s, t) {
  if (s.status !== 'PENDING') {
    return `${s.stage}: ${s.status}`;
  }
  const names = (s.approvers || []).map((a) => a.username);
  const waiting = names.length ? t('stageWaitingFor', { stage: s.stage, approvers: names.join(', ') }) : t('stagePending', { stage: s.stage });
  return s.escalated ? `${waiting} (${t('escalated')})` : waiting;
}
