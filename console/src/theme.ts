// The console's antd theme. antd's default greys for secondary and tertiary text (45 % black, e.g.
// the labels of Descriptions) and placeholders (25 %), its links (#1677ff) and its error red
// (#ff4d4f: danger buttons, form errors) fall below WCAG AA contrast (4.5:1) on white and on the
// page's grey, and axe fails them: darker shades, same look. The hover and pressed shades antd
// derives are LIGHTER than the base (#4373e6 under white text is 4.2:1): a button under the mouse
// failed axe, so hovering darkens instead.

import type { ThemeConfig } from 'antd';

export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1d4ed8',
    colorPrimaryHover: '#1e40af',
    colorPrimaryActive: '#1e3a8a',
    borderRadius: 4,
    colorTextSecondary: '#525252',
    colorTextDescription: '#525252',
    colorTextTertiary: '#525252',
    colorTextPlaceholder: '#6b6b6b',
    colorLink: '#1d4ed8',
    colorLinkHover: '#1e40af',
    colorLinkActive: '#1e3a8a',
    colorError: '#cf1322',
    colorErrorHover: '#a8071a',
    colorErrorActive: '#820014',
  },
};
