import { DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { textField, todayPicker } from '../components';

/** 强制报告: when, to whom (e.g. 明水派出所), and their reference if they gave one. */
export function MandatoryReportFields({ prefix, autoFocus }: { prefix?: string; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const name = (field: string) => (prefix ? [prefix, field] : [field]);
  const reportedTo = textField(t, 'dv.recordMandatoryReport', 'reportedTo');
  const reference = textField(t, 'dv.recordMandatoryReport', 'reference');
  return (
    <div className="field-row nested-fields">
      <Form.Item
        label={t('dv.reportedAt')}
        name={name('reportedAt')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <DatePicker
          autoFocus={autoFocus}
          aria-label={t('dv.reportedAt')}
          disabledDate={(d: Dayjs) => d.isAfter(todayPicker(), 'day')}
        />
      </Form.Item>
      <Form.Item
        label={t('dv.reportedTo')}
        name={name('reportedTo')}
        rules={reportedTo.rules}
        extra={t('dv.reportedToHelp')}
      >
        <Input maxLength={reportedTo.maxLength} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('dv.reference')} name={name('reference')} rules={reference.rules}>
        <Input maxLength={reference.maxLength} autoComplete="off" />
      </Form.Item>
    </div>
  );
}
