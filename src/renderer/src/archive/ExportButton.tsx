import { useState } from 'react';
import { Button, Tooltip, type ButtonProps } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { ExportDialog } from './ExportDialog';
import type { Selection } from './hooks';

interface Props {
  selection: Selection;
  label: string;
  /** What the selection is, in words, for the dialog ("所选的 3 个案件"). */
  scope: string;
  disabled?: boolean;
  /** Why it is disabled (shown as a tooltip and as the button's description). */
  disabledReason?: string;
  size?: ButtonProps['size'];
}

/** 导出…: opens the export dialog for one selection (a case, the list's filter or ticked rows, a family). */
export function ExportButton({ selection, label, scope, disabled, disabledReason, size }: Props) {
  const [open, setOpen] = useState(false);
  const button = (
    <Button
      icon={<ExportOutlined />}
      size={size}
      disabled={disabled}
      aria-description={disabled ? disabledReason : undefined}
      onClick={() => setOpen(true)}
    >
      {label}
    </Button>
  );
  return (
    <>
      {disabled && disabledReason ? <Tooltip title={disabledReason}>{button}</Tooltip> : button}
      {open ? <ExportDialog selection={selection} scope={scope} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
