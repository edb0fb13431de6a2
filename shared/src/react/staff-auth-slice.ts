import type { SignalingClient } from '../client/signaling-client.ts';
import { Principal, type Role } from '../domain.ts';
import { ErrorCode, isEtapisteError } from '../errors.ts';
import { CloseCode } from '../protocol/envelope.ts';
import { loginStaff, refreshToken } from './auth-api.ts';
import { connectSignaling } from './connect.ts';
import type { SliceCreator } from './slice.ts';

export type AuthStatus = 'loggedOut' | 'loggingIn' | 'connecting' | 'connected' | 'reconnecting';
/** Why the user is looking at the login form (or a banner); each maps to an i18n key. */
export type AuthNotice = 'loginFailed' | 'wrongRole' | 'unavailable' | 'expired' | 'replaced' | null;

export interface StaffAuthSlice {
  authStatus: AuthStatus;
  authNotice: AuthNotice;
  principal: Principal | null;
  /** The live connection while `authStatus` is 'connected'. */
  signaling: SignalingClient | null;
  clockOffsetMs: number;
  login: (username: string, password: string) => Promise<void>;
  logout: (notice?: AuthNotice) => void;
  /** Picks up a login kept in sessionStorage (page reload). */
  resumeLogin: () => void;
}

export interface StaffAuthOptions {
  /** sessionStorage key of the token. */
  storageKey: string;
  /** Roles that may use this console. */
  roles: readonly Role[];
  /** Called on every (re)connection: load data, subscribe to notifications. */
  onConnected: (client: SignalingClient) => void | Promise<void>;
  /** Called when the connection is gone for good (given up, or logout): tear down calls. */
  onDisconnected: () => void;
  /** Called when the connection came back by itself after a drop (calls resume on their own): reload data. */
  onReconnected?: (client: SignalingClient) => void | Promise<void>;
}

interface StoredLogin {
  token: string;
  expiresAt: number;
  principal: Principal;
}

const reconnectDelaysMs = [1000, 2000, 4000, 8000, 15_000];

function readStored(key: string): StoredLogin | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(key) ?? 'null') as Partial<StoredLogin> | null;
    const principal = Principal.safeParse(value?.principal);
    if (!value || typeof value.token !== 'string' || typeof value.expiresAt !== 'number' || !principal.success) return null;
    return { token: value.token, expiresAt: value.expiresAt, principal: principal.data };
  } catch {
    return null;
  }
}

/** Staff login, token kept in sessionStorage, the live connection and its reconnection. */
export function createStaffAuthSlice(options: StaffAuthOptions): SliceCreator<StaffAuthSlice> {
  return (set, get) => {
    let generation = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    /** The newest token: refreshed before it expires, used for every reconnection. */
    let current: StoredLogin | null = null;

    const store = (login: StoredLogin) => {
      current = login;
      try {
        sessionStorage.setItem(options.storageKey, JSON.stringify(login));
      } catch {
        // The login then lasts until the page is reloaded.
      }
    };

    /**
     * Staff tokens are short-lived: swap for a fresh one two minutes before expiry, and hand it
     * to the live connection, which the server would otherwise close (4401) at the old expiry.
     */
    const scheduleRefresh = () => {
      clearTimeout(refreshTimer);
      if (!current) return;
      const mine = generation;
      const delay = Math.max(5_000, current.expiresAt - Date.now() - 120_000);
      refreshTimer = setTimeout(async () => {
        if (!current || mine !== generation) return;
        try {
          const fresh = await refreshToken(current.token);
          if (mine !== generation) return;
          store({ token: fresh.token, expiresAt: fresh.expiresAt, principal: fresh.principal });
          const client = get().signaling;
          // Refused or not connected: the next (re)connection presents the fresh token anyway.
          if (client) await client.renewToken(fresh.token).catch((error: unknown) => console.warn('token renewal on the socket failed', error));
        } catch (error) {
          console.error('token refresh failed', error);
        }
        scheduleRefresh();
      }, delay);
    };

    const clearStored = () => {
      try {
        sessionStorage.removeItem(options.storageKey);
      } catch {
        // nothing stored
      }
    };

    const connect = async (stored: StoredLogin, attempt: number | null): Promise<void> => {
      const mine = ++generation;
      if (stored.expiresAt <= Date.now()) return get().logout('expired');
      current = stored;
      scheduleRefresh();
      set({ authStatus: attempt === null ? 'connecting' : 'reconnecting', principal: stored.principal });
      let client: SignalingClient;
      try {
        const connection = await connectSignaling(() => (current ?? stored).token);
        client = connection.client;
        if (mine !== generation) return client.close();
        set({ signaling: client, authStatus: 'connected', authNotice: null, clockOffsetMs: connection.clockOffsetMs });
      } catch {
        if (mine !== generation) return;
        const delay = attempt === null ? undefined : reconnectDelaysMs[attempt];
        if (attempt === null || delay === undefined) return get().logout('unavailable');
        const next = attempt + 1;
        retryTimer = setTimeout(() => void connect(current ?? stored, next), delay);
        return;
      }
      // Short drops: the client reconnects by itself; the console shows 'reconnecting' meanwhile.
      client.on('connectionState', (state) => {
        if (mine !== generation) return;
        if (state === 'reconnecting') set({ authStatus: 'reconnecting' });
      });
      client.on('reconnected', () => {
        if (mine !== generation) return;
        set({ authStatus: 'connected' });
        void Promise.resolve(options.onReconnected?.(client)).catch((error: unknown) => console.error('reloading after reconnect failed', error));
      });
      client.on('closed', ({ code }) => {
        if (mine !== generation) return;
        if (code === CloseCode.Replaced) return get().logout('replaced');
        // The token ran out (no refresh got through): reconnecting with it would only be refused.
        if (code === CloseCode.TokenExpired) return get().logout('expired');
        set({ signaling: null });
        options.onDisconnected();
        void connect(current ?? stored, 0);
      });
      try {
        await options.onConnected(client);
      } catch (error) {
        console.error('loading after connect failed', error);
      }
    };

    return {
      authStatus: 'loggedOut',
      authNotice: null,
      principal: null,
      signaling: null,
      clockOffsetMs: 0,

      login: async (username, password) => {
        set({ authStatus: 'loggingIn', authNotice: null });
        try {
          const { token, expiresAt, principal } = await loginStaff(username, password);
          if (!options.roles.includes(principal.role)) {
            set({ authStatus: 'loggedOut', authNotice: 'wrongRole' });
            return;
          }
          const stored = { token, expiresAt, principal };
          store(stored);
          await connect(stored, null);
        } catch (error) {
          const unauthenticated = isEtapisteError(error) && error.code === ErrorCode.Unauthenticated;
          set({ authStatus: 'loggedOut', authNotice: unauthenticated ? 'loginFailed' : 'unavailable' });
        }
      },

      logout: (notice = null) => {
        generation++;
        clearTimeout(retryTimer);
        clearTimeout(refreshTimer);
        current = null;
        const client = get().signaling;
        set({ authStatus: 'loggedOut', authNotice: notice, principal: null, signaling: null });
        options.onDisconnected();
        client?.close();
        clearStored();
      },

      resumeLogin: () => {
        const stored = readStored(options.storageKey);
        if (!stored || !options.roles.includes(stored.principal.role)) return clearStored();
        void connect(stored, null);
      },
    };
  };
}
