// The console's antd theme. antd's default secondary and tertiary text (45 % black, e.g. the labels
// of Descriptions), placeholders (25 %), links (#1677ff) and error red (#ff4d4f) fall below WCAG AA
// contrast (4.5:1) on white and on the page's grey, and axe fails them; these keep antd's look with
// readable text.

import type { ThemeConfig } from 'antd';

export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1d4ed8',
    colorLink: '#1d4ed8',
    colorLinkHover: '#1e40af',
    colorLinkActive: '#1e3a8a',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorError: '#cf1322',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    borderRadius: 4,
  },
};
