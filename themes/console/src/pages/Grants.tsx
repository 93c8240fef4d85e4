import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Form, FormSelect, FormSelectOption, TextInput, Title } from '@patternfly/react-core';
import type { Grant, Partner } from '../types';
import { GrantAction } from '../components/GrantAction';
import { Empty, Field, Loading, Problem, Success, Table, grantStatus, programmeName, row, useApp, useLoad, when } from '../ui';

const STATUSES = ['ACTIVE', 'EXPIRED', 'REVOKED'];
const FILTERS = ['partner', 'username', 'status', 'expiringBefore'] as const;
type Filter = Record<(typeof FILTERS)[number], string>;

/**
 * GET /grants with filters; revoke and renew for those who may change grants. The filters are in the address
 * (grants?partner=..&status=ACTIVE), so a partner's page and the tests can link to a filtered list.
 */
export function Grants() {
  const { t, api, can, language } = useApp();
  const [params, setParams] = useSearchParams();
  const applied = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Filter;
  const [filter, setFilter] = useState<Filter>(applied);
  const partners = useLoad(() => api.get<Partner[]>('/partners', { max: 1000 }), []);
  const grants = useLoad(async () => {
    let user: string | undefined;
    if (applied.username.trim()) {
      const found = await api.findUser(applied.username.trim());
      if (!found.length) {
        // No such user holds nothing: an empty list is the true answer here.
        return [];
      }
      user = found[0]!.id;
    }
    const expiringBefore = applied.expiringBefore ? new Date(applied.expiringBefore + 'T00:00:00Z').toISOString() : '';
    return api.get<Grant[]>('/grants', { partner: applied.partner, user, status: applied.status, expiringBefore, max: 1000 });
  }, [params.toString()]);
  const users = useLoad(async () => {
    const ids = [...new Set((grants.data || []).map((g) => g.user))].slice(0, 100);
    const entries = await Promise.all(ids.map((id) => api.user(id).then((u) => [id, u.username] as const)));
    return Object.fromEntries(entries) as Record<string, string>;
  }, [grants.data]);
  const [action, setAction] = useState<{ kind: 'revoke' | 'renew'; grant: Grant } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const partnerName = (id: string) => (partners.data || []).find((p) => p.id === id)?.name || id;

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setParams(Object.fromEntries(Object.entries(filter).filter(([, v]) => v.trim() !== '')));
  };

  return (
    <>
      <Title headingLevel="h1">{t('grantsTitle')}</Title>
      <Form className="pa-toolbar" onSubmit={apply}>
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
      <Problem error={partners.error} onRetry={partners.reload} id="pa-partners-error" />
      <Problem error={users.error} onRetry={users.reload} id="pa-users-error" />
      <Success text={done} />
      {grants.loading && <Loading />}
      <Problem error={grants.error} onRetry={grants.reload} />
      {grants.data && grants.data.length === 0 && <Empty text={t('grantsEmpty')} id="pa-grants-empty" />}
      {grants.data && grants.data.length > 0 && (
        <Table label={t('grantsTitle')} id="pa-grants"
          columns={[t('user'), t('programme'), t('partner'), t('granted'), t('expires'), t('status'), t('actions')]}
          rows={grants.data.map((g) => row(g.id, [
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
          ]))} />
      )}
      {action && (
        <GrantAction action={action} path={`/grants/${encodeURIComponent(action.grant.id)}/${action.kind}`} post={api.post}
          onClose={() => setAction(null)}
          onDone={() => { setDone(t(action.kind === 'revoke' ? 'revoked' : 'renewalOpened')); setAction(null); grants.reload(); }} />
      )}
    </>
  );
}
