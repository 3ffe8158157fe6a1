import { createContext, useContext } from 'react';
import type { Session } from './session';

export interface SessionState {
  session: Session;
  /** Back to the sign-in page, with a message saying why (none when the user chose to leave). */
  signOut(message?: string): void;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside a signed-in screen');
  return state;
}
