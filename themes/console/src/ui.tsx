import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import {
  Alert, AlertActionLink, Bullseye, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, EmptyState,
  FormGroup, FormHelperText, HelperText, HelperTextItem, Label, Spinner,
} from '@patternfly/react-core';
import type { Api, ConsoleConfig, Rights } from './api';
import type { Language, Translate } from './i18n';
import { errorText, errorTitle, fieldOf, statusOf } from './errors';

/** What the console knows of the user beyond the token: their partner and what awaits their decision. */
export interface Probe {
  partner: { id: string; name: string } | null;
  awaiting: boolean;
  reviewsAwaiting: boolean;
}

export interface AppContextValue {
  t: Translate;
  language: Language;
  api: Api;
  can: Rights;
  /** Goes to a console route ("partners/123", "inbox#pa-request-1"), relative to the console's base path. */
  navigate: (to: string) => void;
  cfg: ConsoleConfig;
  me?: Probe;
}

export const AppContext = createContext<AppContextValue | null>(null);
export const useApp = (): AppContextValue => {
  const value = useContext(AppContext);
  if (!value) {
    throw new Error('useApp outside the console');
  }
  return value;
};

export interface Loaded<T> {
  loading: boolean;
  error: unknown;
  data: T | null;
  reload: () => void;
}

/** Loads data when the inputs change; answers {loading, error, data, reload}. A failure is kept as the error. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ loading: boolean; error: unknown; data: T | null }>({ loading: true, error: null, data: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    load().then(
      (data) => live && setState({ loading: false, error: null, data }),
      (error: unknown) => live && setState({ loading: false, error, data: null }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

export function Loading() {
  const { t } = useApp();
  return (
    <Bullseye className="pa-loading">
      <Spinner size="lg" aria-label={t('loading')} />
      <span className="pa-loading-text" role="status">{t('loading')}</span>
    </Bullseye>
  );
}

export function Empty({ text, id }: { text: string; id?: string }) {
  return <EmptyState headingLevel="h3" titleText={text} variant="sm" id={id} className="pa-empty" />;
}

/**
 * A failed call in plain words, as an alert that stays until the next try: never an empty list. 403 is "Not
 * allowed" with the API's reason, 401 says the session ended; otherwise the title follows the API's error code and
 * the text is the server's message (translated where the console knows its shape).
 */
export function Problem({ error, onRetry, id }: { error: unknown; onRetry?: () => void; id?: string }) {
  const { t } = useApp();
  if (!error) {
    return null;
  }
  const status = statusOf(error);
  const message = errorText(error, t);
  if (status === 403) {
    return (
      <Alert variant="danger" isInline title={t('notAllowedTitle')} id={id ?? 'pa-not-allowed'} className="pa-notice pa-not-allowed pa-problem" role="alert">
        {t('notAllowedBody', { message })}
      </Alert>
    );
  }
  if (status === 401) {
    return (
      <Alert variant="warning" isInline title={t('signedOutTitle')} id={id ?? 'pa-signed-out'} className="pa-notice pa-problem" role="alert">
        {t('signedOutBody')}
      </Alert>
    );
  }
  return (
    <Alert variant="danger" isInline title={errorTitle(error, t)} id={id ?? 'pa-error'} className="pa-notice pa-problem" role="alert"
      data-status={status} actionLinks={onRetry ? <AlertActionLink onClick={onRetry} className="pa-retry">{t('retry')}</AlertActionLink> : undefined}>
      {message}
    </Alert>
  );
}

/** A form error that names no field of the form, or a success, shown above the form. */
export function Notice({ error, success, fields = [] }: { error?: unknown; success?: string | null; fields?: string[] }) {
  const { t } = useApp();
  const field = fieldOf(error);
  if (error && !(field && fields.includes(field))) {
    return (
      <Alert variant="danger" isInline title={errorTitle(error, t)} className="pa-notice pa-problem" role="alert">
        {errorText(error, t)}
      </Alert>
    );
  }
  if (success) {
    return <Alert variant="success" isInline title={success} className="pa-notice pa-success" role="status" />;
  }
  return null;
}

/** A success, shown above what it changed. */
export function Success({ text, id }: { text: string | null; id?: string }) {
  return text ? <Alert variant="success" isInline title={text} className="pa-notice pa-success" role="status" id={id} /> : null;
}

interface FieldProps {
  label: string;
  name: string;
  error?: unknown;
  help?: string | null;
  required?: boolean;
  /** The id of the control the label is for, when it is not pa-{name}. */
  controlId?: string;
  children: ReactNode;
}

/** A labelled form field whose error from the server (error.field === name) is shown under it. */
export function Field({ label, name, error, help, required, controlId, children }: FieldProps) {
  const { t } = useApp();
  const own = error && fieldOf(error) === name ? errorText(error, t) : null;
  return (
    <FormGroup label={label} fieldId={controlId ?? `pa-${name}`} isRequired={required}>
      {children}
      {(own || help) && (
        <FormHelperText>
          <HelperText>
            <HelperTextItem variant={own ? 'error' : 'default'} id={`pa-${name}-help`}>{own || help}</HelperTextItem>
          </HelperText>
        </FormHelperText>
      )}
    </FormGroup>
  );
}

/** One table row: its cells and a key (kept as data-key, which the browser tests address rows by). */
export interface TableRow {
  key: string | number;
  cells: ReactNode[];
}

export const row = (key: string | number, cells: ReactNode[]): TableRow => ({ key, cells });

export function Table({ label, columns, rows, id }: { label: string; columns: string[]; rows: TableRow[]; id?: string }) {
  return (
    <table className="pf-v6-c-table pf-m-compact pf-m-grid-md" aria-label={label} id={id}>
      <thead className="pf-v6-c-table__thead">
        <tr className="pf-v6-c-table__tr">
          {columns.map((c) => <th className="pf-v6-c-table__th" scope="col" key={c}>{c}</th>)}
        </tr>
      </thead>
      <tbody className="pf-v6-c-table__tbody">
        {rows.map((r) => (
          <tr className="pf-v6-c-table__tr" key={r.key} data-key={r.key}>
            {r.cells.map((cell, j) => (
              <td className="pf-v6-c-table__td" data-label={columns[j]} key={j}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Row({ term, value }: { term: string; value: ReactNode }) {
  return (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription>{value}</DescriptionListDescription>
    </DescriptionListGroup>
  );
}

export function when(iso: string | null | undefined, language: string): string {
  if (!iso) {
    return '';
  }
  return new Date(iso).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
}

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/**
 * The time left until an expiry, counted up: a grant of 21 days issued a second ago has 21 days left, not 20, and
 * one with 90 minutes left has 2 hours. Under two days it counts hours.
 */
export function timeLeft(iso: string, t: Translate, now: number = Date.now()): string {
  const ms = new Date(iso).getTime() - now;
  if (ms <= 0) {
    return t('ended');
  }
  if (ms > 2 * DAY) {
    return t('daysLeft', { count: Math.ceil(ms / DAY) });
  }
  return t('hoursLeft', { count: Math.ceil(ms / HOUR) });
}

/** A programme for people: the role's description when Keycloak has one, with client / role beside it. */
export function programmeName(role: string, client?: string | null, description?: string | null): string {
  const technical = client ? `${client} / ${role}` : role;
  const text = description?.trim();
  return text && text !== role ? `${text} (${technical})` : technical;
}

export const splitList = (text: string): string[] => text.split(',').map((s) => s.trim()).filter(Boolean);

export function ExceptionBadge() {
  const { t } = useApp();
  return <Label color="orange" className="pa-exception-badge">{t('exceptionBadge')}</Label>;
}

export function grantStatus(status: string) {
  const color = status === 'ACTIVE' ? 'green' : status === 'REVOKED' ? 'red' : 'grey';
  return <Label color={color} className="pa-status" data-status={status}>{status}</Label>;
}
