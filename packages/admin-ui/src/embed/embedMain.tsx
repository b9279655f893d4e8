import { Alert } from 'antd';
import { StrictMode, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browserLanguage, format } from '../i18n/messages.js';
import { RegistrationForm } from './RegistrationForm.js';
import type { RegistrationResult } from './registrationFormTypes.js';

/**
 * The page a host frames at `/embed/register?industry=…#token=…`. It talks
 * only to the origin its token was minted for, with messages
 * `{ source: 'crm-policy', type, … }`: `ready`, `resize` (`height`), `registered`,
 * `duplicate`, `not-eligible` (`detail`) and `expired`. The host may send
 * `{ type: 'crm-policy:style', variables: { '--crm-primary': '#c00', … } }`.
 */
const params = new URLSearchParams(location.search);
const industry = params.get('industry') ?? '';
const language = params.get('lang') === 'en' || params.get('lang') === 'zh' ? (params.get('lang') as 'en' | 'zh') : browserLanguage();
const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
// The token stays in memory only: not in the address bar, not in the history.
history.replaceState(null, '', location.pathname + location.search);

/** The host origin the token names (its `origin` claim); the server checks the signature. */
function tokenOrigin(jwt: string): string | undefined {
  try {
    const payload = JSON.parse(atob(jwt.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { origin?: unknown };
    return typeof payload.origin === 'string' ? payload.origin : undefined;
  } catch {
    return undefined;
  }
}

const hostOrigin = tokenOrigin(token);
const tell = (message: Record<string, unknown>) => {
  if (hostOrigin && window.parent !== window) window.parent.postMessage({ source: 'crm-policy', ...message }, hostOrigin);
};

function EmbeddedRegistration() {
  const [styleVersion, setStyleVersion] = useState(0);
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: unknown; variables?: unknown } | null;
      if (event.origin !== hostOrigin || data?.type !== 'crm-policy:style' || typeof data.variables !== 'object' || data.variables === null) return;
      for (const [name, value] of Object.entries(data.variables as Record<string, unknown>)) {
        if (name.startsWith('--crm-') && typeof value === 'string') document.documentElement.style.setProperty(name, value);
      }
      setStyleVersion((version) => version + 1);
    };
    window.addEventListener('message', onMessage);
    // The host sizes the frame to the form: told now and at every change, growing or shrinking
    // (the page's own scroll height never drops below the frame's, so the content is measured).
    const content = document.getElementById('root')!;
    const observer = new ResizeObserver(() => tell({ type: 'resize', height: Math.ceil(content.getBoundingClientRect().height) }));
    observer.observe(content);
    tell({ type: 'ready', industry });
    return () => {
      window.removeEventListener('message', onMessage);
      observer.disconnect();
    };
  }, []);
  const onResult = useCallback((result: RegistrationResult) => tell({ type: result.type, detail: result }), []);
  const onExpired = useCallback(() => tell({ type: 'expired' }), []);
  if (!token || !hostOrigin) return <Alert type="error" title={format(language, 'embedNoToken')} />;
  return <RegistrationForm industry={industry} token={token} language={language} onResult={onResult} onExpired={onExpired} styleVersion={styleVersion} />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EmbeddedRegistration />
  </StrictMode>,
);
