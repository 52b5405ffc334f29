import { useEffect, useId, useRef } from 'react';
import { Alert, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SyncEnrolment } from '@shared/sync';
import { Fingerprint } from './Fingerprint';
import { formatInstant } from './syncText';

/**
 * Enrolled: where this desk sends its batches, and the three fingerprints the admin reads out to the
 * county by phone (a code copied by someone else would show other fingerprints).
 */
export function SyncEnrolmentView({ enrolment, focus }: { enrolment: SyncEnrolment; focus: boolean }) {
  const { t } = useTranslation();
  const fingerprintsId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Right after enrolling, the code box and its button are gone: the next step is the phone check.
    if (focus) heading.current?.focus();
  }, [focus]);
  return (
    <>
      <Descriptions
        column={1}
        items={[
          { key: 'station', label: t('syncSettings.station'), children: enrolment.station },
          {
            key: 'server',
            label: t('syncSettings.serverUrl'),
            children: <span className="mono">{enrolment.serverUrl}</span>,
          },
          {
            key: 'device',
            label: t('syncSettings.deviceId'),
            children: <span className="mono">{enrolment.deviceId}</span>,
          },
          {
            key: 'enrolledAt',
            label: t('syncSettings.enrolledAt'),
            children: formatInstant(enrolment.enrolledAt),
          },
        ]}
      />
      <section className="sync-fingerprints" aria-labelledby={fingerprintsId}>
        <h3 id={fingerprintsId} className="sync-subtitle" ref={heading} tabIndex={-1}>
          {t('syncSettings.fingerprints')}
        </h3>
        <Alert type="warning" role="note" showIcon title={t('syncSettings.fingerprintsIntro')} />
        <dl className="fingerprint-list">
          {(
            [
              ['tlsFingerprint', enrolment.tlsFingerprint],
              ['countyFingerprint', enrolment.countyFingerprint],
              ['receiptFingerprint', enrolment.receiptFingerprint],
            ] as const
          ).map(([key, hex]) => (
            <div key={key} className="fingerprint-item" data-testid={`fingerprint-${key}`}>
              <dt>{t(`syncSettings.${key}`)}</dt>
              <dd>
                <Fingerprint hex={hex} />
              </dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}
