import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { errorMessage } from '../api';

interface Props {
  error: unknown;
  /** Overrides the error's own message (e.g. a live countdown). */
  message?: string;
  extra?: ReactNode;
}

/** A failed call, in words the user can act on. antd's Alert carries role="alert". */
export function ErrorAlert({ error, message, extra }: Props) {
  if (!error) return null;
  return (
    <Alert
      className="form-alert"
      type="error"
      showIcon
      role="alert"
      title={message ?? errorMessage(error)}
      description={extra}
    />
  );
}
