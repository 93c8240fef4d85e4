import { useState } from 'react';
import { ActionGroup, Alert, Button, Form, TextInput, Title } from '@patternfly/react-core';
import { Field, Loading, Notice, useApp, useLoad, when } from '../ui.jsx';

const DAY = 24 * 3600 * 1000;
const isoDate = (millis) => new Date(millis).toISOString().slice(0, 10);

/**
 * An approver's delegation, under My access: GET, PUT and DELETE /realms/{realm}/partner-access/me/delegation.
 * The delegate decides, until the date, the stages the approver may decide; the server checks every rule.
 */
export function Delegation() {
  const { t, api, language } = useApp();
  const current = useLoad(() => api.selfGet('/me/delegation').catch((e) => (e.status === 404 ? null : Promise.reject(e))), []);
  const [to, setTo] = useState('');
  const [until, setUntil] = useState(isoDate(Date.now() + 7 * DAY));
  const [error, setError] = useState(null);
  const [done, setDone] = useState(null);
  const [busy, setBusy] = useState(false);

  const act = async (action, text) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await action();
      setDone(text);
      current.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const save = (e) => {
    e.preventDefault();
    act(() => api.selfPut('/me/delegation', { to: to.trim(), until: `${until}T00:00:00Z` }), t('delegationSaved'));
  };

  return (
    <section id="pa-delegation">
      <Title headingLevel="h2" className="pa-section-title">{t('delegationTitle')}</Title>
      <p>{t('delegationHelp')}</p>
      {current.loading && !current.data && <Loading />}
      {done && <Alert variant="success" isInline title={done} className="pa-notice pa-success" role="status" />}
      <Notice error={error || current.error} fields={['to', 'until']} />
      {current.data ? (
        <>
          <p id="pa-delegation-current">{t('delegationCurrent', { user: current.data.toUsername || current.data.to, until: when(current.data.until, language) })}</p>
          <Button variant="secondary" id="pa-delegation-end" isDisabled={busy}
            onClick={() => act(() => api.selfDelete('/me/delegation'), t('delegationEnded'))}>{t('delegationEnd')}</Button>
        </>
      ) : (!current.loading && <p id="pa-delegation-none">{t('delegationNone')}</p>)}
      <Form onSubmit={save} id="pa-delegation-form" style={{ maxWidth: '40rem' }}>
        <Field label={t('delegationTo')} name="to" error={error} help={t('delegationToHelp')} required>
          <TextInput id="pa-to" value={to} onChange={(_e, v) => setTo(v)} isRequired />
        </Field>
        <Field label={t('delegationUntil')} name="until" error={error} help={t('delegationUntilHelp')} required>
          <TextInput id="pa-until" type="date" value={until} onChange={(_e, v) => setUntil(v)} isRequired />
        </Field>
        <ActionGroup>
          <Button type="submit" variant="primary" id="pa-delegate" isDisabled={busy || !to.trim() || !until}>{t('delegationSave')}</Button>
        </ActionGroup>
      </Form>
    </section>
  );
}
