import { createContext, useContext, useEffect } from 'react';

/** Which screens hold edits not saved yet: the shell asks before signing out while any does. */
export interface UnsavedEdits {
  mark(screen: string, dirty: boolean): void;
}

export const UnsavedEditsContext = createContext<UnsavedEdits | undefined>(undefined);

/**
 * Tells the shell whether this screen holds unsaved edits (a draft, a template),
 * so that signing out asks first. Screens stay mounted while hidden, so moving
 * between screens loses nothing; closing the tab is asked by the browser
 * (`beforeunload`), which each such screen also registers.
 */
export function useUnsavedEdits(screen: string, dirty: boolean): void {
  const edits = useContext(UnsavedEditsContext);
  useEffect(() => {
    edits?.mark(screen, dirty);
    return () => edits?.mark(screen, false);
  }, [edits, screen, dirty]);
}
