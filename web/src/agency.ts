import { createContext, useContext } from 'react';
import type { Agency, Role, Session } from './api';

export interface AgencyState {
  agency: Agency | null;
  roles: Role[];
  session: Session;
}

export const AgencyContext = createContext<AgencyState | null>(null);

export function useAgency(): AgencyState {
  const state = useContext(AgencyContext);
  if (!state) throw new Error('AgencyContext missing');
  return state;
}
