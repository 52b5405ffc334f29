import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VolunteerSummary } from '@shared/volunteers';

/**
 * Whether a volunteer can be assigned today: 可指派, or why not. A missing pledge is red (it must be
 * fixed before any assignment); being off duty is grey.
 */
export function EligibilityTags({ volunteer }: { volunteer: Pick<VolunteerSummary, 'ineligibleReasons'> }) {
  const { t } = useTranslation();
  if (volunteer.ineligibleReasons.length === 0) {
    return (
      <Tag color="green" variant="filled">
        {t('volunteers.eligible')}
      </Tag>
    );
  }
  return (
    <Space size={4} wrap>
      {volunteer.ineligibleReasons.map((r) => (
        <Tag key={r} color={r === 'no_pledge' ? 'red' : 'default'} variant="filled">
          {t(`ineligibleReasons.${r}`)}
        </Tag>
      ))}
    </Space>
  );
}

/** 证书提醒: how many certificates are expired or expire within 30 days. */
export function CertificateWarningTag({ count }: { count: number }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <Tag color="orange" variant="filled">
      {t('volunteers.certificateWarnings', { count })}
    </Tag>
  );
}

/** The profession as the roster says it ('other' with its own words). */
export function useProfessionText() {
  const { t } = useTranslation();
  return (v: Pick<VolunteerSummary, 'profession' | 'professionOther'>) =>
    v.profession === 'other' && v.professionOther
      ? t('common.withNote', { main: t('professions.other'), note: v.professionOther })
      : t(`professions.${v.profession}`);
}
