import { Title } from '@patternfly/react-core';
import type { ContentPackage } from '../types';
import { Empty, Loading, Problem, Table, row, timeLeft, useApp, useLoad, when } from '../ui';

/**
 * A package's address as a link only when it is a web address or a path on this server: the server accepts any
 * absolute URI, and a javascript: or data: address must never become something a partner clicks.
 */
export function ContentLink({ uri }: { uri?: string | null }) {
  if (!uri) {
    return null;
  }
  const safe = /^https?:\/\//i.test(uri) || (uri.startsWith('/') && !uri.startsWith('//'));
  return safe
    ? <a href={uri} className="pa-content-uri" target="_blank" rel="noopener noreferrer">{uri}</a>
    : <span className="pa-content-uri">{uri}</span>;
}

/** What the signed-in partner user may view now: GET /realms/{realm}/partner-access/me/content. */
export function MyContent() {
  const { t, api, language } = useApp();
  const list = useLoad(() => api.selfGet<ContentPackage[]>('/me/content'), []);
  return (
    <section className="pa-section" id="pa-my-content-section">
      <Title headingLevel="h2" className="pa-section-title">{t('myContent')}</Title>
      {list.loading && <Loading />}
      <Problem error={list.error} onRetry={list.reload} />
      {!list.loading && list.data && list.data.length === 0 && <Empty text={t('myContentEmpty')} id="pa-my-content-empty" />}
      {!list.loading && list.data && list.data.length > 0 && (
        <Table label={t('myContent')} id="pa-my-content" columns={[t('contentName'), t('contentKind'), t('contentUri'), t('contentReleaseEnds'), t('timeLeft')]}
          rows={list.data.map((c) => row(c.id, [
            c.name, c.kind, <ContentLink uri={c.uri} />, when(c.expiresAt, language), c.expiresAt ? timeLeft(c.expiresAt, t) : '',
          ]))} />
      )}
    </section>
  );
}
