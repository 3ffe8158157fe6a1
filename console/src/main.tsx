import React from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import './format';
import { App } from './App';

// The hub writes a fresh nonce into this tag on every page load; antd's injected <style>
// elements carry it, so the Content-Security-Policy needs no 'unsafe-inline'.
// antd's grey secondary texts fall below WCAG AA contrast on light backgrounds: darker greys.
const THEME = {
  token: {
    colorPrimary: '#1d4ed8',
    borderRadius: 4,
    colorTextSecondary: '#525252',
    colorTextDescription: '#525252',
    colorTextTertiary: '#525252',
    colorTextPlaceholder: '#6b6b6b',
  },
};

const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;

createRoot(document.getElementById('root')!).render(
  <React.StrictMode>
    <ConfigProvider locale={zhCN} csp={nonce ? { nonce } : undefined} theme={THEME}>
      <AntApp>
        <BrowserRouter basename="/console" future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
          <App />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </React.StrictMode>,
);
