import '@patternfly/react-core/dist/styles/base.css';
import '@patternfly/react-styles/css/components/Table/table.css';
import '@patternfly/react-styles/css/components/Table/table-grid.css';
import '@patternfly/react-styles/css/components/DescriptionList/description-list.css';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import Keycloak from 'keycloak-js';
import { config, createApi } from './api';
import { App } from './App';
import './console.css';

// Sign in with the realm's public console client: authorization code flow with PKCE (S256), no client secret.
const cfg = config();
const keycloak = new Keycloak({ url: cfg.server, realm: cfg.realm, clientId: cfg.clientId });
const root = document.getElementById('root')!;

keycloak
  .init({ onLoad: 'login-required', pkceMethod: 'S256', checkLoginIframe: false })
  .then(() => {
    // Every page has its own address under the console's path; the server answers index.html for all of them.
    createRoot(root).render(
      <BrowserRouter basename={cfg.basePath.replace(/\/+$/, '')}>
        <App keycloak={keycloak} api={createApi(keycloak, cfg)} cfg={cfg} />
      </BrowserRouter>,
    );
  })
  .catch((e: unknown) => {
    const reason = e && typeof e === 'object' ? ((e as { error?: string; message?: string }).error ?? (e as Error).message ?? '') : '';
    root.textContent = 'Signing in to Keycloak failed. Check that the client "' + cfg.clientId + '" exists in realm "'
      + cfg.realm + '". ' + reason;
  });
