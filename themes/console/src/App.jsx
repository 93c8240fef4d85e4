import { useEffect, useMemo, useState } from 'react';
import {
  Button, FormSelect, FormSelectOption, Masthead, MastheadBrand, MastheadContent, MastheadMain, Nav, NavItem, NavList,
  Page, PageSection, PageSidebar, PageSidebarBody, SkipToContent,
} from '@patternfly/react-core';
import { LANGUAGES, pickLanguage, translator } from './i18n.js';
import { rights } from './api.js';
import { AppContext, Empty, Loading } from './ui.jsx';
import { Inbox } from './pages/Inbox.jsx';
import { Partners, PartnerDetail, PartnerIntake } from './pages/Partners.jsx';
import { PolicyPage } from './pages/Policy.jsx';
import { Grants } from './pages/Grants.jsx';
import { Evidence } from './pages/Evidence.jsx';
import { MyAccess } from './pages/MyAccess.jsx';
import { Reviews } from './pages/Reviews.jsx';
import { ContentPage } from './pages/Content.jsx';

function currentRoute(basePath) {
  const path = window.location.pathname;
  return path.startsWith(basePath) ? path.slice(basePath.length).replace(/\/+$/, '') : '';
}

export function App({ keycloak, api, cfg }) {
  const [language, setLanguage] = useState(pickLanguage());
  const [route, setRoute] = useState(currentRoute(cfg.basePath));
  const [probe, setProbe] = useState(null);
  const t = useMemo(() => translator(language), [language]);
  const can = useMemo(() => rights(keycloak), [keycloak]);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  useEffect(() => {
    const onPop = () => setRoute(currentRoute(cfg.basePath));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [cfg.basePath]);

  // Which pages to offer: the token's roles, the user's own partner, and whether anything awaits their decision
  // (a business owner decides without any role).
  useEffect(() => {
    Promise.all([
      api.me().catch(() => null),
      api.get('/requests', { awaiting: 'me', max: 1 }).catch(() => []),
      api.get('/reviews', { awaiting: 'me', max: 1 }).catch(() => []),
    ]).then(([me, awaiting, reviews]) => setProbe({
      partner: me?.partner ?? null,
      awaiting: (awaiting || []).length > 0,
      reviewsAwaiting: (reviews || []).length > 0,
    }));
  }, [api]);

  // A target may name a place on its page after '#' (a request in the inbox); the route is what comes before it.
  const navigate = (to) => {
    window.history.pushState(null, '', cfg.basePath + to);
    setRoute(to.split('#')[0]);
    window.scrollTo(0, 0);
  };

  const chooseLanguage = (value) => {
    window.localStorage.setItem('partner-access.language', value);
    setLanguage(value);
  };

  if (!probe) {
    return (
      <AppContext.Provider value={{ t, language, api, can, navigate, cfg }}>
        <Loading />
      </AppContext.Provider>
    );
  }

  const pages = [
    { id: 'inbox', label: t('navInbox'), show: can.approver || probe.awaiting },
    { id: 'partners', label: t('navPartners'), show: can.viewUsers },
    { id: 'grants', label: t('navGrants'), show: can.viewUsers },
    // Reviewers decide their items without any admin role: approvers are the usual reviewers, and a business owner
    // or a named reviewer sees the page while a review awaits them.
    { id: 'reviews', label: t('navReviews'), show: can.viewUsers || can.approver || probe.reviewsAwaiting || route.startsWith('reviews') },
    { id: 'content', label: t('navContent'), show: can.viewUsers },
    { id: 'policy', label: t('navPolicy'), show: can.viewUsers },
    { id: 'evidence', label: t('navEvidence'), show: can.viewEvents },
    // Approvers come here for their delegation even without a partner of their own.
    { id: 'me', label: t('navMe'), show: !!probe.partner || can.approver },
  ].filter((p) => p.show);

  const section = route.split('/')[0] || (pages[0] && pages[0].id) || '';
  const ctx = { t, language, api, can, navigate, cfg, me: probe };

  let content;
  const parts = route.split('/');
  switch (section) {
    case 'inbox': content = <Inbox />; break;
    case 'partners':
      content = parts[1] === 'new' ? <PartnerIntake /> : parts[1] ? <PartnerDetail id={parts[1]} /> : <Partners />;
      break;
    case 'reviews': content = <Reviews reviewId={parts[1] || null} />; break;
    case 'grants': content = <Grants />; break;
    case 'content': content = <ContentPage />; break;
    case 'policy': content = <PolicyPage />; break;
    case 'evidence': content = <Evidence />; break;
    case 'me': content = <MyAccess />; break;
    default:
      content = (
        <div id="pa-nothing">
          <Empty text={t('nothingTitle')} />
          <p style={{ textAlign: 'center' }}>{t('nothingBody')}</p>
        </div>
      );
  }

  const masthead = (
    <Masthead>
      <MastheadMain>
        <MastheadBrand>
          <a className="pa-brand" href={cfg.basePath} onClick={(e) => { e.preventDefault(); navigate(''); }}>{t('appTitle')}</a>
        </MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <div className="pa-masthead-content">
          <span id="pa-user" className="pa-user">{t('signedInAs', { user: can.username })}</span>
          <div className="pa-language">
            <FormSelect id="pa-language" aria-label={t('language')} value={language} onChange={(_e, value) => chooseLanguage(value)}>
              {Object.entries(LANGUAGES).map(([code, name]) => <FormSelectOption key={code} value={code} label={name} />)}
            </FormSelect>
          </div>
          <Button variant="secondary" id="pa-sign-out" onClick={() => keycloak.logout({ redirectUri: window.location.origin + cfg.basePath })}>
            {t('signOut')}
          </Button>
        </div>
      </MastheadContent>
    </Masthead>
  );

  const sidebar = (
    <PageSidebar>
      <PageSidebarBody>
        <Nav aria-label={t('mainNav')}>
          <NavList>
            {pages.map((p) => (
              <NavItem key={p.id} itemId={p.id} id={`pa-nav-${p.id}`} isActive={section === p.id} to={cfg.basePath + p.id}
                onClick={(e) => { e.preventDefault(); navigate(p.id); }}>
                {p.label}
              </NavItem>
            ))}
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );

  return (
    <AppContext.Provider value={ctx}>
      <Page masthead={masthead} sidebar={pages.length ? sidebar : null} mainContainerId="pa-main"
        skipToContent={<SkipToContent href="#pa-main">Skip to content</SkipToContent>}>
        <PageSection id={`pa-page-${section || 'none'}`} aria-live="polite">{content}</PageSection>
      </Page>
    </AppContext.Provider>
  );
}
