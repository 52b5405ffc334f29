import { Alert, App, Button, DatePicker, Form, Input, Modal, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@shared/cases';
import {
  REFERRAL_TARGETS,
  ReferralSubjectSchema,
  type ReferralSubject,
  type ReferralTarget,
} from '@shared/referrals';
import { useApiMutation, useApiQuery } from '../api';
import {
  BusyButton,
  ErrorAlert,
  textField,
  toLocalDate,
  todayPicker,
  useFormError,
  useGuardedClose,
} from '../components';

interface Values {
  target?: ReferralTarget;
  targetName?: string;
  subject: ReferralSubject;
  reason?: string;
  consentGiven?: boolean;
  noConsentReason?: string;
  expectedReplyDate: Dayjs | null;
  dvDisclosureId?: string | null;
}

/** A week is a common reply time; the counsellor changes it as agreed with the receiving body. */
const DEFAULT_REPLY_DAYS = 7;

interface Props {
  detail: CaseDetail;
  open: boolean;
  dvAllowed: boolean;
  onClose: () => void;
}

/** 新建转介: without the parties' consent a reason must be written (and is audited). */
export function ReferralFormModal({ detail, open, dvAllowed, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const create = useApiMutation('referrals.create');
  const limits = {
    targetName: textField(t, 'referrals.create', 'targetName'),
    reason: textField(t, 'referrals.create', 'reason'),
    // Asked only without consent, and then required (CONSENT_REASON_REQUIRED otherwise).
    noConsentReason: textField(t, 'referrals.create', 'noConsentReason', { required: true }),
  };
  const guardedClose = useGuardedClose(form, onClose);
  const consentGiven = Form.useWatch('consentGiven', form);
  const dv = useApiQuery(
    'dv.list',
    { caseId: detail.id },
    { enabled: open && dvAllowed, staleTime: 5 * 60_000 },
  );

  const submit = (v: Values) => {
    formError.clear();
    create.mutate(
      {
        caseId: detail.id,
        target: v.target ?? 'other',
        targetName: v.targetName?.trim() ?? '',
        subject: v.subject,
        reason: v.reason?.trim() ?? '',
        consentGiven: v.consentGiven ?? false,
        noConsentReason: v.consentGiven ? '' : (v.noConsentReason?.trim() ?? ''),
        expectedReplyDate: toLocalDate(v.expectedReplyDate) ?? '',
        dvDisclosureId: v.dvDisclosureId ?? null,
      },
      {
        onSuccess: (r) => {
          void message.success(t('referrals.created', { reference: r.referenceNumber }));
          form.resetFields();
          onClose();
        },
        onError: (e) => formError.report(e),
      },
    );
  };

  const partyName = (key: 'party_a' | 'party_b') => detail.parties.find((p) => p.key === key)?.name ?? '';

  return (
    <Modal
      open={open}
      title={t('referrals.add')}
      onCancel={guardedClose}
      footer={null}
      width={720}
      destroyOnHidden
      maskClosable={false}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        onFinish={submit}
        initialValues={{
          subject: 'both',
          expectedReplyDate: dayjs().add(DEFAULT_REPLY_DAYS, 'day').startOf('day'),
        }}
        scrollToFirstError={{ focus: true }}
      >
        <ErrorAlert error={formError.error} />
        <div className="field-row">
          <Form.Item
            label={t('referrals.target')}
            name="target"
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Select
              autoFocus
              className="input-medium"
              options={REFERRAL_TARGETS.map((v) => ({ value: v, label: t(`referralTargets.${v}`) }))}
            />
          </Form.Item>
          <Form.Item
            label={t('referrals.targetName')}
            name="targetName"
            rules={limits.targetName.rules}
            extra={t('referrals.targetNameHelp')}
            className="field-grow"
          >
            <Input maxLength={limits.targetName.maxLength} autoComplete="off" />
          </Form.Item>
        </div>
        <Form.Item label={t('referrals.subject')} name="subject" rules={[{ required: true }]}>
          <Radio.Group
            aria-label={t('referrals.subject')}
            options={ReferralSubjectSchema.options.map((v) => ({
              value: v,
              label:
                v === 'both'
                  ? t('parties.both')
                  : t('common.withNote', { main: t(`parties.${v}`), note: partyName(v) }),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('referrals.reason')} name="reason" rules={limits.reason.rules}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={limits.reason.maxLength} />
        </Form.Item>
        <Form.Item
          label={t('referrals.consentGiven')}
          name="consentGiven"
          rules={[{ required: true, message: t('referrals.consentChoose') }]}
        >
          <Radio.Group
            aria-label={t('referrals.consentGiven')}
            optionType="button"
            options={[
              { value: true, label: t('referrals.consentYes') },
              { value: false, label: t('referrals.consentNo') },
            ]}
          />
        </Form.Item>
        {consentGiven === false ? (
          <>
            <Alert
              className="form-alert"
              type="warning"
              showIcon
              role="note"
              title={t('referrals.noConsentNote')}
            />
            <Form.Item
              label={t('referrals.noConsentReason')}
              name="noConsentReason"
              rules={limits.noConsentReason.rules}
            >
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 6 }}
                maxLength={limits.noConsentReason.maxLength}
              />
            </Form.Item>
          </>
        ) : null}
        <div className="field-row">
          <Form.Item
            label={t('referrals.expectedReplyDate')}
            name="expectedReplyDate"
            rules={[{ required: true, message: t('common.required') }]}
          >
            <DatePicker
              allowClear={false}
              aria-label={t('referrals.expectedReplyDate')}
              disabledDate={(d: Dayjs) => d.isBefore(todayPicker(), 'day')}
            />
          </Form.Item>
          {dvAllowed && (dv.data?.length ?? 0) > 0 ? (
            <Form.Item
              label={t('referrals.dvDisclosure')}
              name="dvDisclosureId"
              className="field-grow"
              extra={t('referrals.dvDisclosureHelp')}
            >
              <Select
                allowClear
                options={(dv.data ?? []).map((d) => ({
                  value: d.id,
                  label: t('referrals.dvOption', {
                    date: d.disclosedAt,
                    level: t(`dvRiskLevels.${d.riskLevel}`),
                  }),
                }))}
              />
            </Form.Item>
          ) : null}
        </div>
        <Space className="modal-actions">
          <Button onClick={guardedClose}>{t('common.cancel')}</Button>
          <BusyButton type="primary" htmlType="submit" busy={create.isPending}>
            {t('referrals.create')}
          </BusyButton>
        </Space>
      </Form>
    </Modal>
  );
}
