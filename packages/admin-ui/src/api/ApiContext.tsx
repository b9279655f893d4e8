import { createContext, useContext } from 'react';
import type { ApiClient } from './client.js';

/** The signed-in API client, for components deep in a form (widgets) that cannot take it as a prop. */
export const ApiContext = createContext<ApiClient | undefined>(undefined);

export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi needs an <ApiContext.Provider> above it');
  return api;
}
