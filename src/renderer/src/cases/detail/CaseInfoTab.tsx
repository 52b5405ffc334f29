import { useState } from 'react';
import { Alert, Button, Descriptions, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@shared/cases';
import { ConsentModal } from './ConsentModal';

/** 案件信息: marriage, children, reasons and the recorded consent (or a way to record it). */
export function CaseInfoTab({ detail, canWork }: { detail: CaseDetail; canWork: boolean }) {
  const { t } = useTranslation();
  const [consenting, setConsenting] = useState(false);
  const dash = '—';
  const c = detail.consent;
  return (
    <div className="tab-body">
      {c ? null : (
        <Alert
          className="form-alert"
          type="info"
          showIcon
          role="note"
          title={t('consent.minimalTitle')}
          description={t('caseDetail.noConsentBody')}
          action={
            canWork ? (
              <Button size="small" type="primary" onClick={() => setConsenting(true)}>
                {t('caseDetail.recordConsent')}
              </Button>
            ) : undefined
          }
        />
      )}
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          {
            key: 'consent',
            label: t('intake.step_consent'),
            children: c
              ? t('intake.summaryConsent', {
                  by: t(`consentBy.${c.consentedBy}`),
                  date: c.consentedAt,
                  method: t(`consentMethods.${c.method}`),
                })
              : t('intake.summaryNoConsent'),
          },
          { key: 'marriage', label: t('intake.marriageDate'), children: detail.marriageDate ?? dash },
          {
            key: 'children',
            label: t('intake.children'),
            children:
              detail.children.length === 0 ? (
                t('intake.noChildren')
              ) : (
                <Space direction="vertical" size={2}>
                  {detail.children.map((child, i) => (
                    <span key={i}>
                      {t('caseDetail.child', {
                        n: i + 1,
                        age: child.age,
                        livesWith: t(`livesWith.${child.livesWith}`),
                      })}
                    </span>
                  ))}
                </Space>
              ),
          },
          {
            key: 'reasons',
            label: t('intake.reasonCategories'),
            children:
              detail.reasons.categories.length > 0
                ? detail.reasons.categories.map((r) => t(`reasonCategories.${r}`)).join(t('common.enumSep'))
                : dash,
          },
          {
            key: 'reasonText',
            label: t('intake.reasonText'),
            children: <span className="pre-wrap">{detail.reasons.text ?? dash}</span>,
          },
          { key: 'created', label: t('caseDetail.createdAt'), children: detail.createdAt.slice(0, 10) },
        ]}
      />
      <ConsentModal detail={detail} open={consenting} onClose={() => setConsenting(false)} />
    </div>
  );
}
