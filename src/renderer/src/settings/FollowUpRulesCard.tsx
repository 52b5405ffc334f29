import { App, Card, Form, Input, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { RecordResultSchema } from '@shared/cases';
import { FOLLOW_UP_FOCUSES } from '@shared/followups';
import type { Settings } from '@shared/settings';
import { useApiMutation } from '../api';
import { BusyButton, ErrorAlert, useFormError } from '../components';
import { monthsRules, toRules, toRuleValues, type RuleValues } from './followUpRulesForm';
import './followUpRules.css';

/** A server field path ('followUpRules.1.months.2') → this form's field ('rules.1.months'). */
const toFormPath = (path: string): string | null => {
  const m = /^followUpRules\.(\d+)\.(months|onlyWithMinorChildren|focus)(\.|$)/.exec(path);
  return m ? `rules.${m[1]}.${m[2]}` : null;
};

/**
 * 回访规则 (administrators): per counselling result, the months after the result at which a family is
 * visited, whether only families with a minor child get visits, and what the visits watch. Saved on its
 * own, as the patch { followUpRules }.
 */
export function FollowUpRulesCard({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ rules: RuleValues[] }>();
  const formError = useFormError(form);
  const update = useApiMutation('settings.update');
  const months = monthsRules(t);

  const save = () => {
    formError.clear();
    // The whole rows: `result` is not a field of its own, so the submitted values lack it.
    const rules = form.getFieldValue('rules') as RuleValues[];
    update.mutate(
      { followUpRules: toRules(rules) },
      {
        onSuccess: () => void message.success(t('settings.rulesSaved')),
        onError: (e) => formError.report(e, toFormPath),
      },
    );
  };

  return (
    <Card className="panel" title={t('settings.followUpSection')} variant="borderless">
      <Typography.Paragraph type="secondary">{t('settings.followUpIntro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={save}
        initialValues={{ rules: toRuleValues(settings.followUpRules) }}
        aria-label={t('settings.followUpSection')}
      >
        <ErrorAlert error={formError.error} />
        <Form.List name="rules">
          {(fields) =>
            fields.map((field) => {
              // One row per result, in the catalogue's order (toRuleValues); rows never move.
              const result = RecordResultSchema.options[field.name] ?? 'reconcile';
              const resultLabel = t(`results.${result}`);
              return (
                <fieldset key={field.key} className="plain-fieldset follow-up-rule">
                  <legend className="field-legend">{t('settings.ruleFor', { result: resultLabel })}</legend>
                  <div className="field-row">
                    <Form.Item
                      className="field-grow"
                      label={t('settings.ruleMonths')}
                      name={[field.name, 'months']}
                      rules={months}
                      extra={t('settings.ruleMonthsHelp')}
                    >
                      <Input
                        autoComplete="off"
                        placeholder="1, 3, 6, 12"
                        aria-label={t('settings.ruleMonthsAria', { result: resultLabel })}
                      />
                    </Form.Item>
                    <Form.Item
                      label={t('settings.ruleFocus')}
                      name={[field.name, 'focus']}
                      rules={[{ required: true, message: t('common.required') }]}
                    >
                      <Select
                        className="filter-select-wide"
                        aria-label={t('settings.ruleFocusAria', { result: resultLabel })}
                        options={FOLLOW_UP_FOCUSES.map((v) => ({
                          value: v,
                          label: t(`followUpFocuses.${v}`),
                        }))}
                      />
                    </Form.Item>
                  </div>
                  <Form.Item
                    label={t('settings.ruleOnlyMinor')}
                    name={[field.name, 'onlyWithMinorChildren']}
                    valuePropName="checked"
                    extra={t('settings.ruleOnlyMinorHelp')}
                  >
                    <Switch
                      aria-label={t('settings.ruleOnlyMinorAria', { result: resultLabel })}
                      checkedChildren={t('common.yes')}
                      unCheckedChildren={t('common.no')}
                    />
                  </Form.Item>
                </fieldset>
              );
            })
          }
        </Form.List>
        <BusyButton type="primary" htmlType="submit" busy={update.isPending}>
          {t('settings.saveRules')}
        </BusyButton>
      </Form>
    </Card>
  );
}
