// An identity-number field checked as it is typed with the hub's own rule; once the number is
// valid, the birth date and sex it encodes are shown beside it so the clerk can compare with the card.

import type { CSSProperties } from 'react';
import { Form, Input, Typography } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { idNumberHolder, idNumberRules } from './person-rules';

interface Props {
  /** The Form.Item name (relative inside a Form.List). */
  name: NamePath;
  /** The absolute path of the same field, to watch its value. */
  watch: (string | number)[];
  /** A visible label; a grid cell gives ariaLabel instead (the column header is visible). */
  label?: string;
  ariaLabel?: string;
  style?: CSSProperties;
}

export function IdNumberField({ name, watch, label, ariaLabel, style }: Props) {
  const value = Form.useWatch<string | undefined>(watch);
  const holder = idNumberHolder(value);
  return (
    <Form.Item
      name={name}
      label={label}
      rules={idNumberRules}
      validateTrigger={['onChange', 'onBlur']}
      // Typing and leaving the field run different rules; checking the whole form runs them all, and
      // only the first failure should show.
      validateFirst
      required={!!label}
      style={style}
      extra={
        <span aria-live="polite">
          {holder && (
            // A darker green than antd's "success" text, which fails the contrast check.
            <Typography.Text style={{ color: '#166534' }} data-testid="id-holder">
              {holder}
            </Typography.Text>
          )}
        </span>
      }
    >
      <Input aria-label={ariaLabel} maxLength={18} autoComplete="off" spellCheck={false} placeholder="18位身份证号码" />
    </Form.Item>
  );
}
