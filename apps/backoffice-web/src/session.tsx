import { createContext, useContext } from 'react';
import type { Staff } from './api';

export const StaffContext = createContext<Staff | null>(null);

/** The signed-in back-office user (screens behind the login only). */
export const useStaff = (): Staff => {
  const staff = useContext(StaffContext);
  if (!staff) throw new Error('useStaff outside the signed-in console');
  return staff;
};

export const useIsAdmin = (): boolean => useStaff().role === 'admin';
