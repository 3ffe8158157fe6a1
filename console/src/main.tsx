import React from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import './style-nonce';
import './format';
import { App } from './App';
import { THEME } from './theme';
import { useReducedMotion } from './motion';

// The hub writes a fresh nonce into this tag on every page load; antd's injected <style>
// elements carry it, so the Content-Security-Policy needs no 'unsafe-inline'.
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;

function Root() {
  // motion: false makes antd's transitions take no time; the wave is a separate switch.
  const reduced = useReducedMotion();
  const theme = React.useMemo(() => ({ ...THEME, token: { ...THEME.token, motion: !reduced } }), [reduced]);
  return (
    <ConfigProvider locale={zhCN} csp={nonce ? { nonce } : undefined} theme={theme} wave={{ disabled: reduced }}>
      <AntApp>
        <BrowserRouter basename="/console" future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
          <App />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <React.StrictMode>
    <Root />
  </React.StrictMode>,
);
