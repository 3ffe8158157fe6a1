// The console's antd theme. antd's default greys for secondary and tertiary text (45 % black, e.g.
// the labels of Descriptions) and placeholders (25 %), its links (#1677ff) and its error red
// (#ff4d4f: danger buttons, form errors) fall below WCAG AA contrast (4.5:1) on white and on the
// page's grey, and axe fails them: darker shades, same look.

import type { ThemeConfig } from 'antd';

export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1d4ed8',
    borderRadius: 4,
    colorTextSecondary: '#525252',
    colorTextDescription: '#525252',
    colorTextTertiary: '#525252',
    colorTextPlaceholder: '#6b6b6b',
    colorLink: '#1d4ed8',
    colorLinkHover: '#1e40af',
    colorLinkActive: '#1e3a8a',
    colorError: '#cf1322',
  },
};
