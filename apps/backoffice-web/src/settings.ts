// Settings the console offers choices from (GET /api/settings), loaded once per page load.
import { api } from './api';
import { useLoad } from './components';

export interface Settings {
  /** The locales a customer may have (LOCALES). */
  locales: string[];
  /** What new customers get when none is chosen (DEFAULT_LOCALE). */
  defaultLocale: string;
}

let loading: Promise<Settings> | null = null;

export const loadSettings = (): Promise<Settings> =>
  (loading ??= api.get<{ data: Settings }>('/api/settings').then(
    (body) => body.data,
    (error: unknown) => {
      loading = null; // a failed load is tried again next time
      throw error;
    },
  ));

export const useSettings = () => useLoad(loadSettings, []);

/** The locales to offer: the configured ones, plus `current` when it is not (a customer imported with another one). */
export const localeChoices = (configured: string[], current = ''): string[] =>
  current && !configured.includes(current) ? [...configured, current] : configured;
