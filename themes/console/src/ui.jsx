import { useCallback, useEffect, useState, createContext, useContext } from 'react';
import {
  Alert, Bullseye, Button, EmptyState, EmptyStateBody, EmptyStateFooter, FormGroup, FormHelperText, HelperText,
  HelperTextItem, Spinner,
} from '@patternfly/react-core';

export const AppContext = createContext(null);
export const useApp = () => useContext(AppContext);

/** Loads data when the inputs change; answers {loading, error, data, reload}. */
export function useLoad(load, deps) {
  const [state, setState] = useState({ loading: true, error: null, data: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    load().then(
      (data) => live && setState({ loading: false, error: null, data }),
      (error) => live && setState({ loading: false, error, data: null }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
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

export function Empty({ text, id }) {
  return (
    <EmptyState headingLevel="h3" titleText={text} variant="sm" id={id} className="pa-empty" />
  );
}

/** A refusal or failure in plain words: 403 is "not allowed", never a blank page. */
export function Problem({ error, onRetry }) {
  const { t } = useApp();
  if (!error) {
    return null;
  }
  if (error.status === 403) {
    return (
      <EmptyState headingLevel="h2" titleText={t('notAllowedTitle')} id="pa-not-allowed" className="pa-not-allowed">
        <EmptyStateBody>{t('notAllowedBody', { message: error.message })}</EmptyStateBody>
      </EmptyState>
    );
  }
  if (error.status === 401) {
    return (
      <EmptyState headingLevel="h2" titleText={t('signedOutTitle')} id="pa-signed-out">
        <EmptyStateBody>{t('signedOutBody')}</EmptyStateBody>
      </EmptyState>
    );
  }
  return (
    <EmptyState headingLevel="h2" titleText={error.status === 404 ? t('notFoundTitle') : t('errorTitle')} id="pa-error">
      <EmptyStateBody>{error.message}</EmptyStateBody>
      {onRetry && (
        <EmptyStateFooter>
          <Button variant="primary" onClick={onRetry}>{t('retry')}</Button>
        </EmptyStateFooter>
      )}
    </EmptyState>
  );
}

/** A form error that names no field of the form, or a success, shown above the form. */
export function Notice({ error, success, fields = [] }) {
  const { t } = useApp();
  if (error && !(error.field && fields.includes(error.field))) {
    const title = error.status === 403 ? t('notAllowedTitle') : t('errorTitle');
    return <Alert variant="danger" isInline title={title} className="pa-notice" role="alert">{error.message}</Alert>;
  }
  if (success) {
    return <Alert variant="success" isInline title={success} className="pa-notice pa-success" role="status" />;
  }
  return null;
}

/** A labelled form field whose error from the server (error.field === name) is shown under it. */
export function Field({ label, name, error, help, required, children }) {
  const own = error && error.field === name ? error.message : null;
  return (
    <FormGroup label={label} fieldId={`pa-${name}`} isRequired={required}>
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

export function Table({ label, columns, rows, id }) {
  return (
    <table className="pf-v6-c-table pf-m-compact pf-m-grid-md" aria-label={label} id={id}>
      <thead className="pf-v6-c-table__thead">
        <tr className="pf-v6-c-table__tr">
          {columns.map((c) => <th className="pf-v6-c-table__th" scope="col" key={c}>{c}</th>)}
        </tr>
      </thead>
      <tbody className="pf-v6-c-table__tbody">
        {rows.map((cells, i) => (
          <tr className="pf-v6-c-table__tr" key={cells.key || i} data-key={cells.key}>
            {cells.map((cell, j) => (
              <td className="pf-v6-c-table__td" data-label={columns[j]} key={j}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function when(iso, language) {
  if (!iso) {
    return '';
  }
  return new Date(iso).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
}

export function timeLeft(iso, t) {
  const ms = new Date(iso).getTime() - Date.now();
  if (ms <= 0) {
    return t('ended');
  }
  const hours = Math.floor(ms / 3600000);
  return hours >= 48 ? t('daysLeft', { days: Math.floor(hours / 24) }) : t('hoursLeft', { hours });
}

export const programmeName = (role, client) => (client ? `${client} / ${role}` : role);

export const splitList = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);
