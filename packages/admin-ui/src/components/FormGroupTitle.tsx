import type { TitleFieldProps } from '@rjsf/utils';
import { Divider, Typography } from 'antd';

/**
 * The title of a group of fields (a purchase plan, a list of systems): a
 * heading over a rule, read left to right like the field labels. @rjsf/antd's
 * own is a form label, aligned right and ending in a colon.
 */
export function FormGroupTitle({ id, title }: TitleFieldProps) {
  if (!title) return null;
  return (
    <div style={{ textAlign: 'start' }}>
      <Typography.Text strong id={id}>
        {title}
      </Typography.Text>
      <Divider size="small" style={{ marginBlock: 4 }} />
    </div>
  );
}
