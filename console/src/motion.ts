// Less motion for users who ask their system for it (prefers-reduced-motion: reduce): antd's
// transitions take no time, its click wave is off and charts draw at once. Service-hall staff with
// vestibular trouble deserve that; it also means a toast or a dialog is whole the moment it shows.

import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

const prefersReducedMotion = (): boolean => window.matchMedia(QUERY).matches;

/** Whether the user's system asks for less motion; follows a change while the page is open. */
export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, prefersReducedMotion, () => false);
}
