import { useState } from 'react';
import { Button, Form, Modal, ModalBody, ModalFooter, ModalHeader, TextArea, TextInput } from '@patternfly/react-core';
import type { Grant } from '../types';
import { Field, Notice, programmeName, useApp } from '../ui';

export interface GrantActionProps {
  action: { kind: 'revoke' | 'renew'; grant: Grant; description?: string | null };
  path: string;
  post: (path: string, body: unknown) => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
  maxDays?: number | undefined;
}

/** Revoke ({reason}) or renew ({days, justification}) one grant, after saying which. Used by Grants and My access. */
export function GrantAction({ action, path, post, onClose, onDone, maxDays }: GrantActionProps) {
  const { t } = useApp();
  const [reason, setReason] = useState('');
  const [days, setDays] = useState(String(maxDays || 30));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const revoke = action.kind === 'revoke';
  const label = programmeName(action.grant.role, action.grant.client, action.description);

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
            <Field label={t('days')} name="days" error={error} help={maxDays ? t('maxDays', { days: maxDays }) : null} required controlId="pa-grant-days">
              <TextInput id="pa-grant-days" type="number" min={1} value={days} onChange={(_e, v) => setDays(v)} isRequired />
            </Field>
          )}
          <Field label={t(revoke ? 'reason' : 'justification')} name={textField} error={error} help={revoke ? null : t('purposeHelp')} required controlId="pa-grant-text">
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
