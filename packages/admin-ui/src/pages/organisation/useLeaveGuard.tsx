import { Modal } from 'antd';
import type { FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/I18nContext.js';

/**
 * Asks before an unsaved form is left: `confirmLeave(leave)` leaves at once when
 * nothing was touched, otherwise only once the admin agrees to drop the changes.
 * Render `holder` inside the screen so the question is in the page's language.
 */
export function useLeaveGuard(form: FormInstance): { confirmLeave(leave: () => void): void; holder: ReactNode } {
  const { t } = useI18n();
  const [modal, holder] = Modal.useModal();
  const confirmLeave = (leave: () => void) => {
    if (!form.isFieldsTouched()) return leave();
    void modal.confirm({ title: t('org.discardTitle'), content: t('org.discardBody'), okText: t('org.discard'), cancelText: t('org.keepEditing'), okButtonProps: { danger: true }, onOk: leave });
  };
  return { confirmLeave, holder };
}
