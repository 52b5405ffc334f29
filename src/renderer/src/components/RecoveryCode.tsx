import { Alert, Button, Space, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** The code's groups as main formatted them (ABCD-EFGH-…); fall back to fours if it sent none. */
export function recoveryGroups(code: string): string[] {
  const parts = code
    .trim()
    .split(/[\s-]+/)
    .filter(Boolean);
  if (parts.length > 1) return parts;
  return code.match(/.{1,4}/g) ?? [code];
}

interface Props {
  code: string;
  onWritten: () => void;
}

/** Step "恢复码": the one-time code, big and grouped, with why it matters and a print button. */
export function RecoveryCodeView({ code, onWritten }: Props) {
  const { t } = useTranslation();
  const groups = recoveryGroups(code);
  return (
    <div className="recovery">
      <Alert
        type="warning"
        role="note"
        showIcon
        title={t('recovery.explainTitle')}
        description={t('recovery.explain')}
      />
      <section className="recovery-code" aria-label={t('recovery.codeLabel')}>
        {/* The group numbers are drawn by CSS (data-label), so the list's text is exactly the code. */}
        <ol className="recovery-groups" data-testid="recovery-code">
          {groups.map((group, i) => (
            <li
              key={i}
              data-label={t('recovery.groupLabel', { n: i + 1 })}
              aria-label={`${t('recovery.groupLabel', { n: i + 1 })} ${group}`}
            >
              <span className="recovery-group">{group}</span>
            </li>
          ))}
        </ol>
      </section>
      <Typography.Paragraph className="recovery-keep">{t('recovery.keepSafe')}</Typography.Paragraph>
      <Space size="middle" wrap className="form-actions">
        <Button type="primary" size="large" onClick={onWritten} autoFocus>
          {t('recovery.written')}
        </Button>
        <Button size="large" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('recovery.print')}
        </Button>
      </Space>
      {/* Only this block is printed (see styles: @media print). */}
      <div className="print-only">
        <h1>{t('recovery.printHeading')}</h1>
        <p className="print-code">{groups.join(' - ')}</p>
        <p>{t('recovery.printNote')}</p>
      </div>
    </div>
  );
}
