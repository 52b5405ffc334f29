import { App, Alert, Button, Checkbox, DatePicker, Form, Input, Modal, Radio, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@shared/cases';
import {
  addMonths,
  DisclosedBySchema,
  DV_RISK_LEVELS,
  PROTECTION_ORDER_MAX_MONTHS,
  type DvDisclosure,
} from '@shared/dv';
import { queryKey, useApiMutation } from '../api';
import {
  BusyButton,
  ErrorAlert,
  textField,
  toLocalDate,
  todayPicker,
  useFormError,
  useGuardedClose,
} from '../components';
import { dvValuesOf, newDvValues, toDvFields, toMandatoryReport, type DvValues } from './dvForm';
import { MandatoryReportFields } from './MandatoryReportFields';

interface Props {
  detail: CaseDetail;
  editing: DvDisclosure | 'new' | null;
  onClose: () => void;
}

const notFuture = (d: Dayjs) => d.isAfter(todayPicker(), 'day');

/** 登记 / 修改家暴情况: the DOMAIN fields; ticking a minor or a victim without capacity prompts the report. */
export function DvFormModal({ detail, editing, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<DvValues>();
  const formError = useFormError(form);
  const create = useApiMutation('dv.create');
  const update = useApiMutation('dv.update');
  const limits = {
    // Required when the discloser is "other" (the schema's refinement: a name for someone not a party).
    disclosedByName: textField(t, 'dv.create', 'disclosedByName', { required: true }),
    facts: textField(t, 'dv.create', 'facts'),
    injuriesEvidence: textField(t, 'dv.create', 'injuriesEvidence'),
    victimWishes: textField(t, 'dv.create', 'victimWishes'),
    warningLetter: textField(t, 'dv.create', 'warningLetter.number'),
    protectionOrder: textField(t, 'dv.create', 'protectionOrder.number'),
  };
  const guardedClose = useGuardedClose(form, onClose);
  const isNew = editing === 'new';
  const disclosedBy = Form.useWatch('disclosedBy', form);
  const minors = Form.useWatch('minorsInvolved', form);
  const capacity = Form.useWatch('victimLacksCapacity', form);
  const hasWarningLetter = Form.useWatch('hasWarningLetter', form);
  const hasProtectionOrder = Form.useWatch('hasProtectionOrder', form);
  const hasReport = Form.useWatch('hasReport', form);
  const reportDue = Boolean(minors || capacity);

  const saved = (d: DvDisclosure) => {
    client.setQueryData<DvDisclosure[]>(queryKey('dv.list', { caseId: detail.id }), (old = []) =>
      old.some((x) => x.id === d.id) ? old.map((x) => (x.id === d.id ? d : x)) : [...old, d],
    );
    void message.success(isNew ? t('dv.created') : t('common.saved'));
    form.resetFields();
    onClose();
  };

  const submit = (v: DvValues) => {
    formError.clear();
    const fields = toDvFields(v);
    const onError = (e: unknown) => formError.report(e);
    if (editing === 'new') {
      create.mutate(
        { ...fields, caseId: detail.id, mandatoryReport: toMandatoryReport(v) },
        { onSuccess: saved, onError },
      );
    } else if (editing) {
      update.mutate({ ...fields, disclosureId: editing.id }, { onSuccess: saved, onError });
    }
  };

  const partyLabel = (key: 'party_a' | 'party_b') =>
    t('common.withNote', {
      main: t(`parties.${key}`),
      note: detail.parties.find((p) => p.key === key)?.name ?? '',
    });

  return (
    <Modal
      open={editing !== null}
      title={isNew ? t('dv.add') : t('dv.edit')}
      onCancel={guardedClose}
      footer={null}
      width={760}
      destroyOnHidden
      maskClosable={false}
    >
      {editing ? (
        <Form<DvValues>
          form={form}
          layout="vertical"
          requiredMark="optional"
          onFinish={submit}
          initialValues={editing === 'new' ? newDvValues() : dvValuesOf(editing)}
          scrollToFirstError={{ focus: true }}
        >
          <ErrorAlert error={formError.error} />
          <div className="field-row">
            <Form.Item label={t('dv.disclosedBy')} name="disclosedBy" rules={[{ required: true }]}>
              <Radio.Group
                aria-label={t('dv.disclosedBy')}
                options={DisclosedBySchema.options.map((v) => ({
                  value: v,
                  label: v === 'party_a' || v === 'party_b' ? partyLabel(v) : t(`parties.${v}`),
                }))}
              />
            </Form.Item>
            {disclosedBy === 'other' ? (
              <Form.Item
                label={t('dv.disclosedByName')}
                name="disclosedByName"
                rules={limits.disclosedByName.rules}
              >
                <Input maxLength={limits.disclosedByName.maxLength} autoComplete="off" />
              </Form.Item>
            ) : null}
            <Form.Item
              label={t('dv.disclosedAt')}
              name="disclosedAt"
              rules={[{ required: true, message: t('common.required') }]}
            >
              <DatePicker allowClear={false} aria-label={t('dv.disclosedAt')} disabledDate={notFuture} />
            </Form.Item>
          </div>
          <Form.Item label={t('dv.facts')} name="facts" rules={limits.facts.rules} extra={t('dv.factsHelp')}>
            <Input.TextArea
              autoFocus
              autoSize={{ minRows: 4, maxRows: 14 }}
              maxLength={limits.facts.maxLength}
            />
          </Form.Item>
          <Form.Item
            label={t('dv.injuriesEvidence')}
            name="injuriesEvidence"
            rules={limits.injuriesEvidence.rules}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 8 }}
              maxLength={limits.injuriesEvidence.maxLength}
            />
          </Form.Item>
          <Form.Item
            label={t('dv.riskLevel')}
            name="riskLevel"
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Radio.Group
              aria-label={t('dv.riskLevel')}
              optionType="button"
              options={DV_RISK_LEVELS.map((v) => ({ value: v, label: t(`dvRiskLevels.${v}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('dv.victimWishes')} name="victimWishes" rules={limits.victimWishes.rules}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={limits.victimWishes.maxLength} />
          </Form.Item>

          <div className="check-stack">
            <Form.Item name="minorsInvolved" valuePropName="checked" noStyle>
              <Checkbox>{t('dv.minorsInvolved')}</Checkbox>
            </Form.Item>
            <Form.Item name="victimLacksCapacity" valuePropName="checked" noStyle>
              <Checkbox>{t('dv.victimLacksCapacity')}</Checkbox>
            </Form.Item>
          </div>
          {reportDue ? (
            <Alert
              className="form-alert mandatory-report"
              type="error"
              showIcon
              role="alert"
              title={t('dv.reportDueTitle')}
              description={minors ? t('dv.reportDueMinors') : t('dv.reportDueCapacity')}
            />
          ) : null}
          {reportDue && isNew ? (
            <>
              <Form.Item name="hasReport" valuePropName="checked">
                <Checkbox>{t('dv.reportAlreadyMade')}</Checkbox>
              </Form.Item>
              {hasReport ? <MandatoryReportFields prefix="mandatoryReport" /> : null}
            </>
          ) : null}
          {reportDue && !isNew ? <p className="muted">{t('dv.reportOnCard')}</p> : null}

          <Form.Item name="helpInfoGiven" valuePropName="checked" extra={t('dv.helpInfoHelp')}>
            <Checkbox>{t('dv.helpInfoGiven')}</Checkbox>
          </Form.Item>

          <Form.Item name="hasWarningLetter" valuePropName="checked" noStyle>
            <Checkbox>{t('dv.hasWarningLetter')}</Checkbox>
          </Form.Item>
          {hasWarningLetter ? (
            <div className="field-row nested-fields">
              <Form.Item
                label={t('dv.warningLetterNumber')}
                name={['warningLetter', 'number']}
                rules={limits.warningLetter.rules}
              >
                <Input maxLength={limits.warningLetter.maxLength} autoComplete="off" />
              </Form.Item>
              <Form.Item
                label={t('dv.issuedAt')}
                name={['warningLetter', 'issuedAt']}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <DatePicker aria-label={t('dv.warningLetterIssued')} disabledDate={notFuture} />
              </Form.Item>
            </div>
          ) : null}
          <div className="spacer" />
          <Form.Item name="hasProtectionOrder" valuePropName="checked" noStyle>
            <Checkbox>{t('dv.hasProtectionOrder')}</Checkbox>
          </Form.Item>
          {hasProtectionOrder ? (
            <div className="field-row nested-fields">
              <Form.Item
                label={t('dv.protectionOrderNumber')}
                name={['protectionOrder', 'number']}
                rules={limits.protectionOrder.rules}
              >
                <Input maxLength={limits.protectionOrder.maxLength} autoComplete="off" />
              </Form.Item>
              <Form.Item
                label={t('dv.issuedAt')}
                name={['protectionOrder', 'issuedAt']}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <DatePicker aria-label={t('dv.protectionOrderIssued')} disabledDate={notFuture} />
              </Form.Item>
              <Form.Item
                label={t('dv.expiresAt')}
                name={['protectionOrder', 'expiresAt']}
                dependencies={[['protectionOrder', 'issuedAt']]}
                extra={t('dv.expiresHelp')}
                rules={[
                  { required: true, message: t('common.required') },
                  ({ getFieldValue }) => ({
                    validator: async (_, value: Dayjs | null) => {
                      const issued = toLocalDate(
                        getFieldValue(['protectionOrder', 'issuedAt']) as Dayjs | null,
                      );
                      const expires = toLocalDate(value);
                      if (!issued || !expires) return;
                      if (expires < issued || expires > addMonths(issued, PROTECTION_ORDER_MAX_MONTHS)) {
                        throw new Error(
                          t('dv.expiresInvalid', { latest: addMonths(issued, PROTECTION_ORDER_MAX_MONTHS) }),
                        );
                      }
                    },
                  }),
                ]}
              >
                <DatePicker aria-label={t('dv.protectionOrderExpires')} />
              </Form.Item>
            </div>
          ) : null}

          <Space className="modal-actions">
            <Button onClick={guardedClose}>{t('common.cancel')}</Button>
            <BusyButton type="primary" htmlType="submit" busy={create.isPending || update.isPending}>
              {t('common.save')}
            </BusyButton>
          </Space>
        </Form>
      ) : null}
    </Modal>
  );
}
