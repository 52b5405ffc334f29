import { Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { RecordResultSchema } from '@shared/cases';
import type { Settings } from '@shared/settings';

/** Settings for roles that may not change them: plain, readable text instead of greyed-out inputs. */
export function SettingsView({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const { office } = settings;
  return (
    <>
      <Card className="panel" title={t('settings.officeSection')} variant="borderless">
        <Descriptions
          column={1}
          items={[
            { key: 'county', label: t('fields.county'), children: office.county },
            { key: 'registryOffice', label: t('fields.registryOffice'), children: office.registryOffice },
            { key: 'centreName', label: t('fields.centreName'), children: office.centreName },
            { key: 'level', label: t('fields.level'), children: t(`levels.${office.level}`) },
          ]}
        />
      </Card>
      <Card className="panel" title={t('settings.securitySection')} variant="borderless">
        <Descriptions
          column={1}
          items={[
            { key: 'idle', label: t('settings.idleLockMinutes'), children: settings.idleLockMinutes },
            { key: 'language', label: t('fields.language'), children: t(`languages.${settings.language}`) },
          ]}
        />
        <Typography.Paragraph type="secondary">{t('settings.idleLockHelp')}</Typography.Paragraph>
      </Card>
      <Card className="panel" title={t('settings.deadlineSection')} variant="borderless">
        <Descriptions
          column={1}
          items={[
            { key: 'closing', label: t('settings.closingTime'), children: settings.closingTime },
            {
              key: 'weekends',
              label: t('settings.weekendsExtend'),
              children: settings.weekendsExtend ? t('common.yes') : t('common.no'),
            },
          ]}
        />
        <Typography.Paragraph type="secondary">{t('settings.closingTimeHelp')}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('settings.weekendsExtendHelp')}</Typography.Paragraph>
      </Card>
      <Card className="panel" title={t('settings.followUpSection')} variant="borderless">
        <Descriptions
          column={1}
          items={RecordResultSchema.options.map((result) => {
            const rule = settings.followUpRules.find((r) => r.result === result);
            return {
              key: result,
              label: t(`results.${result}`),
              children:
                rule && rule.months.length > 0
                  ? [
                      t('settings.ruleMonthsValue', { months: rule.months.join(t('common.enumSep')) }),
                      t(`followUpFocuses.${rule.focus}`),
                      ...(rule.onlyWithMinorChildren ? [t('settings.ruleOnlyMinor')] : []),
                    ].join(t('common.listSep'))
                  : t('settings.ruleNone'),
            };
          })}
        />
        <Typography.Paragraph type="secondary">{t('settings.followUpIntro')}</Typography.Paragraph>
      </Card>
    </>
  );
}
