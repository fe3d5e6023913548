// The global styles come first, so that the components' CSS Modules (bundled after them) win ties.
import './styles/tokens.css';
import './styles/base.css';
import './styles/shell.css';
import './styles/primitives.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { QueryClientProvider } from '@tanstack/react-query';
import { createHttpBridge, takeWebToken } from './api/http-bridge.ts';
import { setBridge } from './api/client.ts';
import { createQueryClient, listenForFocus } from './api/queries.ts';
import { App } from './app/App.tsx';
import { NoticeProvider } from './app/notices.tsx';
import { loadWorkspaceSnapshot, WorkspaceProvider } from './app/workspace-context.tsx';
import { applyLanguage, errorText, i18n } from './i18n.ts';
import { config as configureZod } from 'zod';

// The CSP forbids eval; zod must not even probe for it.
configureZod({ jitless: true });

const root = createRoot(document.getElementById('root') as HTMLElement);

function showProblem(text: string) {
  root.render(
    <div className="startup-problem" role="alert">
      <h1>Timbang</h1>
      <p>{text}</p>
    </div>,
  );
}

async function start() {
  if (window.timbang) {
    setBridge(window.timbang);
  } else {
    const token = takeWebToken();
    if (!token) {
      showProblem(i18n.t('app.missingToken'));
      return;
    }
    setBridge(createHttpBridge(token));
  }
  try {
    const snapshot = await loadWorkspaceSnapshot();
    applyLanguage(snapshot.settings.language);
    listenForFocus();
    const queryClient = createQueryClient();
    root.render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <I18nextProvider i18n={i18n}>
            <NoticeProvider>
              <WorkspaceProvider initial={snapshot}>
                <App />
              </WorkspaceProvider>
            </NoticeProvider>
          </I18nextProvider>
        </QueryClientProvider>
      </StrictMode>,
    );
  } catch (error) {
    showProblem(errorText(error));
  }
}

void start();
