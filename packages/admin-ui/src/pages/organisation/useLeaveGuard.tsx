import type { FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useConfirmDiscard } from '../../components/useConfirmDiscard.js';

/**
 * Asks before an unsaved form is left: `confirmLeave(leave)` leaves at once when
 * nothing was touched, otherwise only once the admin agrees to drop the changes.
 * Render `holder` inside the screen so the question is in the page's language.
 */
export function useLeaveGuard(form: FormInstance): { confirmLeave(leave: () => void): void; holder: ReactNode } {
  const { confirmDiscard, holder } = useConfirmDiscard();
  return { confirmLeave: (leave) => confirmDiscard(form.isFieldsTouched(), leave), holder };
}
