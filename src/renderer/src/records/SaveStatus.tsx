import { LoadingOutlined, CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AutosaveState } from './useAutosave';

/** "已自动保存 14:03:27": visible, and announced politely; a failure is announced at once. */
export function SaveStatus({ state }: { state: AutosaveState }) {
  const { t } = useTranslation();
  if (state.kind === 'refused') {
    return (
      <span className="save-status save-failed" role="status">
        <WarningOutlined aria-hidden="true" /> {t('records.notSaved')}
      </span>
    );
  }
  if (state.kind === 'failed') {
    return (
      <span className="save-status save-failed" role="alert">
        <WarningOutlined aria-hidden="true" /> {t('records.saveFailed', { message: state.error.message })}
      </span>
    );
  }
  let text = t('records.notYetSaved');
  let icon = null;
  if (state.kind === 'pending' || state.kind === 'saving') {
    text = t('records.saving');
    icon = <LoadingOutlined aria-hidden="true" />;
  } else if (state.kind === 'saved') {
    text = t('records.autosaved', { time: dayjs(state.at).format('HH:mm:ss') });
    icon = <CheckCircleOutlined aria-hidden="true" />;
  }
  return (
    <span className="save-status" role="status" aria-live="polite">
      {icon} {text}
    </span>
  );
}
