import { PlusOutlined } from '@ant-design/icons';
import type { IconButtonProps } from '@rjsf/utils';
import { TranslatableString } from '@rjsf/utils';
import { Button } from 'antd';

/**
 * The button that adds an entry to a list field (current systems, service
 * lines), saying so in the page's language: @rjsf/antd's is a blue bar with
 * only an icon, its words in a tooltip.
 */
export function FormAddButton({ onClick, disabled, registry, className }: IconButtonProps) {
  const text = registry.translateString(TranslatableString.AddItemButton);
  return (
    <Button type="dashed" icon={<PlusOutlined />} onClick={onClick} disabled={disabled} className={className} title={text}>
      {text}
    </Button>
  );
}
