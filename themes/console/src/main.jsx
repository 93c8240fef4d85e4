import '@patternfly/react-core/dist/styles/base.css';
import '@patternfly/react-styles/css/components/Table/table.css';
import '@patternfly/react-styles/css/components/Table/table-grid.css';
import '@patternfly/react-styles/css/components/DescriptionList/description-list.css';
import { createRoot } from 'react-dom/client';
import Keycloak from 'keycloak-js';
import { config, createApi } from './api.js';
import { App } from './App.jsx';
import './console.css';

// Sign in with the realm's public console client: authorization code flow with PKCE (S256), no client secret.
const cfg = config();
const keycloak = new Keycloak({ url: cfg.server, realm: cfg.realm, clientId: cfg.clientId });

keycloak
  .init({ onLoad: 'login-required', pkceMethod: 'S256', checkLoginIframe: false })
  .then(() => {
    createRoot(document.getElementById('root')).render(<App keycloak={keycloak} api={createApi(keycloak, cfg)} cfg={cfg} />);
  })
  .catch((e) => {
    document.getElementById('root').textContent =
      'Signing in to Keycloak failed. Check that the client "' + cfg.clientId + '" exists in realm "' + cfg.realm + '". ' + (e?.error || e?.message || '');
  });
