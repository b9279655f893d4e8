import { Modal } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nContext.js';

/**
 * Asks before unsaved edits are dropped: `confirmDiscard(dirty, leave)` leaves
 * at once when nothing changed, otherwise only once the person agrees to
 * discard the changes. Render `holder` inside the screen so the question is in
 * the page's language.
 */
export function useConfirmDiscard(): { confirmDiscard(dirty: boolean, leave: () => void): void; holder: ReactNode } {
  const { t } = useI18n();
  const [modal, holder] = Modal.useModal();
  const confirmDiscard = (dirty: boolean, leave: () => void) => {
    if (!dirty) return leave();
    void modal.confirm({ title: t('discard.title'), content: t('discard.body'), okText: t('discard.ok'), cancelText: t('discard.keepEditing'), okButtonProps: { danger: true }, onOk: leave });
  };
  return { confirmDiscard, holder };
}
