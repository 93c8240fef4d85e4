import { useState } from 'react';
import {
  ActionGroup, Alert, Button, Card, CardBody, CardTitle, Checkbox, Content, DescriptionList, Form, FormSelect,
  FormSelectOption, Label, TextArea, TextInput, Title,
} from '@patternfly/react-core';
import { Empty, Field, Loading, Notice, Problem, Table, programmeName, useApp, useLoad, when } from '../ui.jsx';
import { Row } from './Inbox.jsx';

function reviewStatus(status) {
  return <Label color={status === 'OPEN' ? 'blue' : 'grey'} className="pa-status" data-status={status}>{status}</Label>;
}

function recommendationLabel(t, recommendation) {
  if (!recommendation || !recommendation.decision) {
    return null;
  }
  const keep = recommendation.decision === 'keep';
  return (
    <span className="pa-recommendation" data-recommendation={recommendation.decision}>
      <Label color={keep ? 'green' : 'orange'}>{t(keep ? 'recommendKeep' : 'recommendRevoke')}</Label>
      {recommendation.reason ? ` ${recommendation.reason}` : ''}
    </span>
  );
}

const decisionText = (t, decision) => (decision === 'keep' ? t('kept') : decision === 'revoke' ? t('revokedDecision') : '');

/**
 * Access reviews. Reviewers: the items awaiting them (GET /reviews/{id}/items?awaiting=me over the reviews that
 * GET /reviews?awaiting=me names, and the one review named in the address), keep or revoke with a justification, or apply the recommendations to the
 * selected items. Admins: start a review, follow its progress, close it.
 */
export function Reviews({ reviewId }) {
  const { t, can } = useApp();
  const [tick, setTick] = useState(0);
  const changed = () => setTick((n) => n + 1);
  return (
    <>
      <Title headingLevel="h1">{t('reviewsTitle')}</Title>
      <Content component="p">{t('reviewsIntro')}</Content>
      <AwaitingMe reviewId={reviewId} tick={tick} onDecided={changed} />
      {can.manageUsers && <StartReview onStarted={changed} />}
      {can.viewUsers && <ReviewList tick={tick} onClosed={changed} />}
    </>
  );
}

function AwaitingMe({ reviewId, tick, onDecided }) {
  const { t, api, can } = useApp();
  const partners = useLoad(() => (can.viewUsers ? api.get('/partners', { max: 1000 }).catch(() => []) : Promise.resolve([])), []);
  const items = useLoad(async () => {
    // Every reviewer, admin or not, finds the open reviews that wait for them; the one in the address is added.
    const waiting = await api.get('/reviews', { awaiting: 'me', max: 1000 });
    const reviews = [...(reviewId && !waiting.some((o) => o.id === reviewId) ? [{ id: reviewId }] : []), ...waiting];
    const lists = await Promise.all(reviews.map((review) => api.get(`/reviews/${encodeURIComponent(review.id)}/items`, { awaiting: 'me', max: 1000 })
      .then((found) => found.map((item) => ({ ...item, review })))));
    return lists.flat();
  }, [reviewId, tick]);
  const [selected, setSelected] = useState([]);
  const [justification, setJustification] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [decisions, setDecisions] = useState([]);
  const partnerName = (id) => (partners.data || []).find((p) => p.id === id)?.name || id;

  const decide = async (item, decision, text) => {
    const updated = await api.post(`/reviews/${encodeURIComponent(item.review.id)}/items/${encodeURIComponent(item.id)}/decision`,
      { decision, justification: text });
    setDecisions((list) => [{ ...item, ...updated }, ...list]);
  };
  const applyRecommendations = async () => {
    setBusy(true);
    setError(null);
    try {
      for (const item of (items.data || []).filter((i) => selected.includes(i.id))) {
        await decide(item, item.recommendation.decision, justification);
      }
      setSelected([]);
      setJustification('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      items.reload();
      onDecided();
    }
  };

  return (
    <section id="pa-awaiting" className="pa-section">
      <Title headingLevel="h2" size="xl" className="pa-section-title">{t('awaitingTitle')}</Title>
      {items.loading && <Loading />}
      <Problem error={items.error} onRetry={items.reload} />
      {items.data && items.data.length === 0 && (
        <Empty text={can.viewUsers || reviewId ? t('awaitingEmpty') : t('awaitingNoList')} id="pa-awaiting-empty" />
      )}
      {items.data && items.data.length > 0 && (
        <Form className="pa-bulk" onSubmit={(e) => e.preventDefault()}>
          <Notice error={error} />
          <Field label={`${t('justification')} · ${t('applyRecommendationsHelp', { count: selected.length })}`} name="bulk-justification">
            <TextArea id="pa-bulk-justification" value={justification} onChange={(_e, v) => setJustification(v)} />
          </Field>
          <ActionGroup>
            <Button variant="primary" id="pa-apply-recommendations" isDisabled={busy || !selected.length || !justification.trim()}
              onClick={applyRecommendations}>
              {t('applyRecommendations', { count: selected.length })}
            </Button>
          </ActionGroup>
        </Form>
      )}
      {items.data && items.data.map((item) => (
        <ReviewItemCard key={item.id} item={item} partnerName={partnerName(item.partner)}
          selected={selected.includes(item.id)}
          onSelect={(on) => setSelected((list) => (on ? [...list, item.id] : list.filter((id) => id !== item.id)))}
          decide={decide} onDecided={() => { items.reload(); onDecided(); }} />
      ))}
      {decisions.length > 0 && (
        <>
          <Title headingLevel="h3" size="lg" className="pa-section-title">{t('myDecisions')}</Title>
          <Table label={t('myDecisions')} id="pa-my-decisions"
            columns={[t('user'), t('programme'), t('decision'), t('justification')]}
            rows={decisions.map((d) => Object.assign([
              d.username || d.user, programmeName(d.role, d.client),
              <span className="pa-decision" data-decision={d.decision}>{decisionText(t, d.decision)}</span>, d.justification,
            ], { key: d.id }))} />
        </>
      )}
    </section>
  );
}

function ReviewItemCard({ item, partnerName, selected, onSelect, decide, onDecided }) {
  const { t, language } = useApp();
  const [justification, setJustification] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  const submit = async (decision) => {
    setBusy(true);
    setError(null);
    try {
      await decide(item, decision, justification);
      onDecided();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const missing = justification.trim() === '';
  return (
    <Card className="pa-card pa-review-item" id={`pa-item-${item.id}`} data-item={item.id}>
      <CardTitle>
        <Title headingLevel="h3" size="lg">
          {t('requestFor', { role: programmeName(item.role, item.client), user: item.username || item.user })}
        </Title>
      </CardTitle>
      <CardBody>
        <Checkbox id={`pa-select-${item.id}`} className="pa-select" label={t('selectItem')} isChecked={selected}
          onChange={(_e, on) => onSelect(on)} />
        <DescriptionList isHorizontal isCompact>
          {item.review.name && <Row term={t('review')} value={item.review.name} />}
          <Row term={t('partner')} value={partnerName} />
          <Row term={t('expires')} value={when(item.expiresAt, language)} />
          <Row term={t('recommendation')} value={recommendationLabel(t, item.recommendation)} />
        </DescriptionList>
        {error && (
          <Alert variant="danger" isInline title={error.status === 403 ? t('refusedTitle') : t('errorTitle')} className="pa-notice pa-refused" role="alert">
            {error.message}
          </Alert>
        )}
        <Form onSubmit={(e) => e.preventDefault()}>
          <Field label={t('justification')} name={`justification-${item.id}`} help={t('justificationHelp')} required>
            <TextArea id={`pa-justification-${item.id}`} className="pa-item-justification" value={justification} isRequired
              onChange={(_e, v) => setJustification(v)} />
          </Field>
          <ActionGroup>
            <Button variant="primary" className="pa-keep" isDisabled={busy || missing} onClick={() => submit('keep')}>{t('keep')}</Button>
            <Button variant="danger" className="pa-revoke-item" isDisabled={busy || missing} onClick={() => submit('revoke')}>{t('revoke')}</Button>
          </ActionGroup>
        </Form>
      </CardBody>
    </Card>
  );
}

const EMPTY_FORM = {
  name: '', partner: '', tier: '', region: '', role: '', client: '', serviceAccounts: '', reviewer: 'owner', user: '',
  days: '14', defaultDecision: 'keep',
};

function StartReview({ onStarted }) {
  const { t, api } = useApp();
  const partners = useLoad(() => api.get('/partners', { max: 1000 }).catch(() => []), []);
  const [form, setForm] = useState(EMPTY_FORM);
  const [error, setError] = useState(null);
  const [done, setDone] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (field) => (_e, value) => setForm({ ...form, [field]: value });

  const start = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const scope = {};
      for (const field of ['partner', 'tier', 'region', 'role', 'client']) {
        if (form[field].trim()) {
          scope[field] = form[field].trim();
        }
      }
      if (form.serviceAccounts) {
        scope.serviceAccounts = form.serviceAccounts === 'true';
      }
      let reviewer = form.reviewer;
      if (reviewer === 'user') {
        // A username is looked up; anything else goes to the server as a user id, which checks it.
        const found = await api.findUser(form.user.trim()).catch(() => []);
        reviewer = found.length ? found[0].id : form.user.trim();
      }
      const review = await api.post('/reviews', {
        name: form.name, scope, reviewer, days: Number(form.days), defaultDecision: form.defaultDecision,
      });
      setDone(t('reviewStarted', { name: review.name, total: review.items.total }));
      setForm(EMPTY_FORM);
      onStarted();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section id="pa-start-review" className="pa-section">
      <Title headingLevel="h2" size="xl" className="pa-section-title">{t('startReview')}</Title>
      <Notice error={error} success={done} fields={['name', 'reviewer', 'days', 'defaultDecision']} />
      <Form onSubmit={(e) => { e.preventDefault(); start(); }}>
        <Field label={t('name')} name="name" error={error} required>
          <TextInput id="pa-name" value={form.name} onChange={set('name')} isRequired />
        </Field>
        <Title headingLevel="h3" size="md">{t('scope')}</Title>
        <Content component="p">{t('scopeHelp')}</Content>
        <Field label={t('partner')} name="r-partner">
          <FormSelect id="pa-r-partner" value={form.partner} onChange={set('partner')}>
            <FormSelectOption value="" label={t('any')} />
            {(partners.data || []).map((p) => <FormSelectOption key={p.id} value={p.id} label={p.name} />)}
          </FormSelect>
        </Field>
        <Field label={t('tier')} name="r-tier">
          <TextInput id="pa-r-tier" value={form.tier} onChange={set('tier')} />
        </Field>
        <Field label={t('region')} name="r-region">
          <TextInput id="pa-r-region" value={form.region} onChange={set('region')} />
        </Field>
        <Field label={t('role')} name="r-role">
          <TextInput id="pa-r-role" value={form.role} onChange={set('role')} />
        </Field>
        <Field label={t('client')} name="r-client">
          <TextInput id="pa-r-client" value={form.client} onChange={set('client')} />
        </Field>
        <Field label={t('serviceAccounts')} name="r-service-accounts">
          <FormSelect id="pa-r-service-accounts" value={form.serviceAccounts} onChange={set('serviceAccounts')}>
            <FormSelectOption value="" label={t('either')} />
            <FormSelectOption value="true" label={t('serviceAccountsOnly')} />
            <FormSelectOption value="false" label={t('peopleOnly')} />
          </FormSelect>
        </Field>
        <Field label={t('reviewer')} name="reviewer" error={error} required>
          <FormSelect id="pa-reviewer" value={form.reviewer} onChange={set('reviewer')}>
            <FormSelectOption value="owner" label={t('reviewerOwner')} />
            <FormSelectOption value="approvers" label={t('reviewerApprovers')} />
            <FormSelectOption value="user" label={t('reviewerUser')} />
          </FormSelect>
        </Field>
        {form.reviewer === 'user' && (
          <Field label={t('reviewerUserField')} name="r-user" required>
            <TextInput id="pa-r-user" value={form.user} onChange={set('user')} isRequired />
          </Field>
        )}
        <Field label={t('days')} name="days" error={error} help={t('reviewDaysHelp')} required>
          <TextInput id="pa-days" type="number" min={1} max={365} value={form.days} onChange={set('days')} isRequired />
        </Field>
        <Field label={t('defaultDecision')} name="defaultDecision" error={error} help={t('defaultDecisionHelp')} required>
          <FormSelect id="pa-defaultDecision" value={form.defaultDecision} onChange={set('defaultDecision')}>
            <FormSelectOption value="keep" label={t('keep')} />
            <FormSelectOption value="revoke" label={t('revoke')} />
          </FormSelect>
        </Field>
        <ActionGroup>
          <Button type="submit" variant="primary" id="pa-start" isDisabled={busy || !form.name.trim()}>{t('startReview')}</Button>
        </ActionGroup>
      </Form>
    </section>
  );
}

const scopeText = (scope) => Object.entries(scope || {}).map(([k, v]) => `${k}=${v}`).join(', ');

function ReviewList({ tick, onClosed }) {
  const { t, api, can, language } = useApp();
  const [status, setStatus] = useState('');
  const reviews = useLoad(() => api.get('/reviews', { status, max: 1000 }), [status, tick]);
  const [error, setError] = useState(null);
  const [done, setDone] = useState(null);
  const [open, setOpen] = useState(null);

  const close = async (review) => {
    setError(null);
    setDone(null);
    try {
      const closed = await api.post(`/reviews/${encodeURIComponent(review.id)}/close`);
      setDone(t('reviewClosed', { name: closed.name, kept: closed.items.kept, revoked: closed.items.revoked }));
      reviews.reload();
      onClosed();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section id="pa-review-list" className="pa-section">
      <Title headingLevel="h2" size="xl" className="pa-section-title">{t('reviewList')}</Title>
      <Form className="pa-toolbar" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('status')} name="r-status">
          <FormSelect id="pa-r-status" value={status} onChange={(_e, v) => setStatus(v)}>
            <FormSelectOption value="" label={t('any')} />
            <FormSelectOption value="OPEN" label="OPEN" />
            <FormSelectOption value="CLOSED" label="CLOSED" />
          </FormSelect>
        </Field>
      </Form>
      <Notice error={error} success={done} />
      {reviews.loading && <Loading />}
      <Problem error={reviews.error} onRetry={reviews.reload} />
      {reviews.data && reviews.data.length === 0 && <Empty text={t('reviewsEmpty')} id="pa-reviews-empty" />}
      {reviews.data && reviews.data.length > 0 && (
        <Table label={t('reviewList')} id="pa-reviews"
          columns={[t('name'), t('status'), t('scope'), t('reviewer'), t('defaultDecision'), t('due'), t('progress'), t('actions')]}
          rows={reviews.data.map((r) => Object.assign([
            r.name,
            <>{reviewStatus(r.status)}{r.closedAt ? <div className="pa-reason">{when(r.closedAt, language)}</div> : null}</>,
            scopeText(r.scope),
            r.reviewer,
            r.defaultDecision,
            when(r.dueAt, language),
            <span className="pa-progress">{t('progressText', { decided: r.items.decided, total: r.items.total, kept: r.items.kept, revoked: r.items.revoked })}</span>,
            <div className="pa-actions">
              <Button size="sm" variant="secondary" className="pa-show-items" onClick={() => setOpen(open === r.id ? null : r.id)}>
                {t(open === r.id ? 'hideItems' : 'showItems')}
              </Button>
              {can.manageUsers && r.status === 'OPEN' && (
                <Button size="sm" variant="danger" className="pa-close-review" onClick={() => close(r)}>{t('closeReview')}</Button>
              )}
            </div>,
          ], { key: r.id }))} />
      )}
      {open && <ReviewItems reviewId={open} tick={tick} />}
    </section>
  );
}

function ReviewItems({ reviewId, tick }) {
  const { t, api, language } = useApp();
  const items = useLoad(() => api.get(`/reviews/${encodeURIComponent(reviewId)}/items`, { max: 1000 }), [reviewId, tick]);
  return (
    <div id="pa-review-items" data-review={reviewId}>
      {items.loading && <Loading />}
      <Problem error={items.error} onRetry={items.reload} />
      {items.data && items.data.length === 0 && <Empty text={t('itemsEmpty')} />}
      {items.data && items.data.length > 0 && (
        <Table label={t('items')} id="pa-items"
          columns={[t('user'), t('programme'), t('expires'), t('recommendation'), t('decision'), t('justification')]}
          rows={items.data.map((i) => Object.assign([
            i.username || i.user,
            programmeName(i.role, i.client),
            when(i.expiresAt, language),
            recommendationLabel(t, i.recommendation),
            i.decision
              ? <span className="pa-decision" data-decision={i.decision}>{decisionText(t, i.decision)}{i.defaulted ? ` (${t('defaulted')})` : ''}{i.decidedAt ? ` · ${when(i.decidedAt, language)}` : ''}</span>
              : t('undecided'),
            i.justification || '',
          ], { key: i.id }))} />
      )}
    </div>
  );
}
