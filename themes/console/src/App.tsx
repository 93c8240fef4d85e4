import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import {
  Button, FormSelect, FormSelectOption, Masthead, MastheadBrand, MastheadContent, MastheadMain, Nav, NavItem, NavList,
  Page, PageSection, PageSidebar, PageSidebarBody, SkipToContent,
} from '@patternfly/react-core';
import type Keycloak from 'keycloak-js';
import { LANGUAGES, pickLanguage, translator, type Language } from './i18n';
import { ApiError, rights, type Api, type ConsoleConfig } from './api';
import type { AccessRequest, Me, Review } from './types';
import { AppContext, Empty, Loading, Problem, type AppContextValue, type Probe } from './ui';

// One chunk per page: a page's code is fetched when it is first opened.
const Inbox = lazy(() => import('./pages/Inbox').then((m) => ({ default: m.Inbox })));
const Partners = lazy(() => import('./pages/Partners').then((m) => ({ default: m.Partners })));
const PartnerDetail = lazy(() => import('./pages/Partners').then((m) => ({ default: m.PartnerDetail })));
const PartnerIntake = lazy(() => import('./pages/Partners').then((m) => ({ default: m.PartnerIntake })));
const Grants = lazy(() => import('./pages/Grants').then((m) => ({ default: m.Grants })));
const Reviews = lazy(() => import('./pages/Reviews').then((m) => ({ default: m.Reviews })));
const ContentPage = lazy(() => import('./pages/Content').then((m) => ({ default: m.ContentPage })));
const PolicyPage = lazy(() => import('./pages/Policy').then((m) => ({ default: m.PolicyPage })));
const Evidence = lazy(() => import('./pages/Evidence').then((m) => ({ default: m.Evidence })));
const MyAccess = lazy(() => import('./pages/MyAccess').then((m) => ({ default: m.MyAccess })));

/** A call that a user without the right is refused (403) or that finds nothing (404) answers "none"; others fail. */
const orNone = <T,>(call: Promise<T>, none: T): Promise<T> =>
  call.catch((e: unknown) => (e instanceof ApiError && (e.status === 403 || e.status === 404) ? none : Promise.reject(e)));

interface ProbeState {
  probe: Probe;
  /** A probe call that failed for another reason than the user's rights: shown, never taken as "nothing". */
  error: unknown;
}

function ReviewsRoute() {
  const { reviewId } = useParams();
  return <Reviews reviewId={reviewId ?? null} />;
}

function PartnerRoute() {
  const { id } = useParams();
  return id === 'new' ? <PartnerIntake /> : <PartnerDetail id={id ?? ''} />;
}

export function App({ keycloak, api, cfg }: { keycloak: Keycloak; api: Api; cfg: ConsoleConfig }) {
  const [language, setLanguage] = useState<Language>(pickLanguage());
  const [probed, setProbed] = useState<ProbeState | null>(null);
  const t = useMemo(() => translator(language), [language]);
  const can = useMemo(() => rights(keycloak.tokenParsed), [keycloak]);
  const routerNavigate = useNavigate();
  const location = useLocation();

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  // Which pages to offer: the token's roles, the user's own partner, and whether anything awaits their decision
  // (a business owner decides without any role).
  useEffect(() => {
    let failed: unknown = null;
    const keep = <T,>(call: Promise<T>, none: T) => orNone(call, none).catch((e: unknown) => {
      failed = failed ?? e;
      return none;
    });
    Promise.all([
      keep<Me | null>(api.me(), null),
      keep(api.get<AccessRequest[]>('/requests', { awaiting: 'me', max: 1 }), []),
      keep(api.get<Review[]>('/reviews', { awaiting: 'me', max: 1 }), []),
    ]).then(([me, awaiting, reviews]) => setProbed({
      probe: { partner: me?.partner ?? null, awaiting: awaiting.length > 0, reviewsAwaiting: reviews.length > 0 },
      error: failed,
    }));
  }, [api]);

  // A target may name a place on its page after '#' (a request in the inbox).
  const navigate = (to: string) => {
    routerNavigate('/' + to.replace(/^\/+/, ''));
    window.scrollTo(0, 0);
  };

  const chooseLanguage = (value: Language) => {
    window.localStorage.setItem('partner-access.language', value);
    setLanguage(value);
  };

  const base: AppContextValue = { t, language, api, can, navigate, cfg };
  if (!probed) {
    return (
      <AppContext.Provider value={base}>
        <Loading />
      </AppContext.Provider>
    );
  }
  const { probe } = probed;
  const route = location.pathname.replace(/^\/+/, '');
  const section = route.split('/')[0] || '';

  const pages: { id: string; label: string; show: boolean }[] = [
    { id: 'inbox', label: t('navInbox'), show: can.approver || probe.awaiting },
    { id: 'partners', label: t('navPartners'), show: can.viewUsers },
    { id: 'grants', label: t('navGrants'), show: can.viewUsers },
    // Reviewers decide their items without any admin role: approvers are the usual reviewers, and a business owner
    // or a named reviewer sees the page while a review awaits them.
    { id: 'reviews', label: t('navReviews'), show: can.viewUsers || can.approver || probe.reviewsAwaiting || section === 'reviews' },
    { id: 'content', label: t('navContent'), show: can.viewUsers },
    { id: 'policy', label: t('navPolicy'), show: can.viewUsers },
    { id: 'evidence', label: t('navEvidence'), show: can.viewEvents },
    // Approvers come here for their delegation even without a partner of their own.
    { id: 'me', label: t('navMe'), show: !!probe.partner || can.approver },
  ];
  const offered = pages.filter((p) => p.show);
  const ctx: AppContextValue = { ...base, me: probe };

  const nothing = (
    <div id="pa-nothing">
      <Empty text={t('nothingTitle')} />
      <p style={{ textAlign: 'center' }}>{t('nothingBody')}</p>
    </div>
  );
  const page = (content: ReactNode) => <Suspense fallback={<Loading />}>{content}</Suspense>;

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
            <FormSelect id="pa-language" aria-label={t('language')} value={language} onChange={(_e, value) => chooseLanguage(value as Language)}>
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
            {offered.map((p) => (
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
      <Page masthead={masthead} sidebar={offered.length ? sidebar : null} mainContainerId="pa-main"
        skipToContent={<SkipToContent href="#pa-main">{t('skipToContent')}</SkipToContent>}>
        <PageSection id={`pa-page-${section || 'none'}`} aria-live="polite">
          <Problem error={probed.error} id="pa-probe-error" />
          <Routes>
            <Route index element={offered[0] ? <Navigate to={offered[0].id} replace /> : nothing} />
            <Route path="inbox" element={page(<Inbox />)} />
            <Route path="partners" element={page(<Partners />)} />
            <Route path="partners/:id" element={page(<PartnerRoute />)} />
            <Route path="grants" element={page(<Grants />)} />
            <Route path="reviews/:reviewId?" element={page(<ReviewsRoute />)} />
            <Route path="content" element={page(<ContentPage />)} />
            <Route path="policy" element={page(<PolicyPage />)} />
            <Route path="evidence" element={page(<Evidence />)} />
            <Route path="me" element={page(<MyAccess />)} />
            <Route path="*" element={<Empty text={t('notFoundTitle')} id="pa-no-page" />} />
          </Routes>
        </PageSection>
      </Page>
    </AppContext.Provider>
  );
}
