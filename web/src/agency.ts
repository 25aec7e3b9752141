import { createContext, useContext } from 'react';
import type { Agency, Role, Session } from './api';

export interface AgencyState {
  agency: Agency | null;
  roles: Role[];
  session: Session;
  /** Makes another agency the current one (the switcher in the header does the same). */
  switchAgency?: (id: number) => void;
}

export const AgencyContext = createContext<AgencyState | null>(null);

export function useAgency(): AgencyState {
  const state = useContext(AgencyContext);
  if (!state) throw new Error('AgencyContext missing');
  return state;
}
