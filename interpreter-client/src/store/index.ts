import {
  createLanguageSlice,
  createStaffAuthSlice,
  type LanguageSlice,
  type StaffAuthSlice,
} from '@etapiste/shared/react';
import { create } from 'zustand';

/** Interpreting requests and calls come later; for now login, connection and UI language. */
export type InterpreterState = StaffAuthSlice & LanguageSlice;

export const useInterpreterStore = create<InterpreterState>()((set, get) => ({
  ...createStaffAuthSlice({
    storageKey: 'etapiste.interpreter.login',
    roles: ['interpreter'],
    onConnected: () => undefined,
    onDisconnected: () => undefined,
  })(set, get),
  ...createLanguageSlice('etapiste.interpreter.language')(set, get),
}));
