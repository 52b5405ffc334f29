import { Button, Checkbox, DatePicker, Form, Input, Modal, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Sex } from '@shared/cases';
import {
  VOLUNTEER_PROFESSIONS,
  VolunteerCreateSchema,
  type VolunteerDetail,
  type VolunteerProfession,
} from '@shared/volunteers';
import { useAnsweredMutation, useApiQuery } from '../api';
import {
  BusyButton,
  ErrorAlert,
  fromLocalDate,
  textField,
  todayPicker,
  toLocalDate,
  useFormError,
  useGuardedClose,
} from '../components';

interface Values {
  name?: string;
  sex: Sex | 'none';
  phone?: string;
  profession?: VolunteerProfession;
  professionOther?: string;
  qualified: boolean;
  pledgeSignedDate: Dayjs | null;
  /** The linked desk account (role 志愿者); undefined: none. */
  userId?: string;
  notes?: string;
}

interface Props {
  open: boolean;
  /** The volunteer being edited; absent: a new one. */
  detail?: VolunteerDetail;
  onClose: () => void;
  onSaved: (saved: VolunteerDetail) => void;
}

const valuesOf = (d: VolunteerDetail | undefined): Values => ({
  name: d?.name,
  sex: d?.sex ?? 'none',
  phone: d?.phone ?? undefined,
  profession: d?.profession,
  professionOther: d?.professionOther ?? undefined,
  qualified: d?.qualified ?? false,
  pledgeSignedDate: fromLocalDate(d?.pledgeSignedDate),
  userId: d?.linkedUser?.id,
  notes: d?.notes ?? undefined,
});

/** 登记志愿者 / 编辑志愿者信息: the profile a director keeps; Enter in any field saves. */
export function VolunteerFormModal({ open, detail, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const guardedClose = useGuardedClose(form, onClose);
  const create = useAnsweredMutation('volunteers.create', 'volunteers.get', (v) => ({ volunteerId: v.id }));
  const update = useAnsweredMutation('volunteers.update', 'volunteers.get', (v) => ({ volunteerId: v.id }));
  const profession = Form.useWatch('profession', form);
  // Accounts are made by the administrator; the director links one that has the volunteer role.
  const accounts = useApiQuery('volunteers.accounts', detail ? { volunteerId: detail.id } : {}, {
    enabled: open,
  });
  const limits = {
    name: textField(t, 'volunteers.create', 'name'),
    // Asked only for 'other', and then required.
    professionOther: textField(t, 'volunteers.create', 'professionOther', { required: true }),
    notes: textField(t, 'volunteers.create', 'notes'),
  };

  const submit = (v: Values) => {
    formError.clear();
    const fields = {
      name: v.name?.trim() ?? '',
      sex: v.sex === 'none' ? null : v.sex,
      phone: v.phone?.trim() ?? '',
      profession: v.profession ?? 'other',
      professionOther: v.profession === 'other' ? (v.professionOther?.trim() ?? '') : '',
      qualified: v.qualified,
      pledgeSignedDate: toLocalDate(v.pledgeSignedDate),
      userId: v.userId ?? null,
      notes: v.notes?.trim() ?? '',
    };
    const done = {
      onSuccess: (saved: VolunteerDetail) => {
        form.resetFields();
        onSaved(saved);
      },
      onError: (e: unknown) => formError.report(e),
    };
    if (detail) update.mutate({ ...fields, volunteerId: detail.id }, done);
    else create.mutate(fields, done);
  };

  return (
    <Modal
      open={open}
      title={detail ? t('volunteers.editTitle') : t('volunteers.addTitle')}
      onCancel={guardedClose}
      footer={null}
      width={640}
      destroyOnHidden
      maskClosable={false}
    >
      <Form<Values>
        form={form}
        name="volunteer"
        layout="vertical"
        requiredMark="optional"
        onFinish={submit}
        initialValues={valuesOf(detail)}
        scrollToFirstError={{ focus: true }}
      >
        <ErrorAlert error={formError.error} />
        <div className="field-row">
          <Form.Item
            label={t('volunteers.name')}
            name="name"
            rules={limits.name.rules}
            className="field-grow"
          >
            <Input autoFocus autoComplete="off" maxLength={limits.name.maxLength} />
          </Form.Item>
          <Form.Item label={t('volunteers.sex')} name="sex">
            <Radio.Group
              aria-label={t('volunteers.sex')}
              optionType="button"
              options={[
                { value: 'male', label: t('sexes.male') },
                { value: 'female', label: t('sexes.female') },
                { value: 'none', label: t('volunteers.sexUnknown') },
              ]}
            />
          </Form.Item>
        </div>
        <div className="field-row">
          <Form.Item
            label={t('volunteers.phone')}
            name="phone"
            className="field-grow"
            rules={[
              {
                // The shared schema's own check (digits, + - and spaces): one rule, stated once.
                validator: async (_, value: unknown) => {
                  if (typeof value !== 'string' || value.trim() === '') return;
                  if (!VolunteerCreateSchema.shape.phone.safeParse(value).success) {
                    throw new Error(t('volunteers.phoneInvalid'));
                  }
                },
              },
            ]}
          >
            <Input autoComplete="off" inputMode="tel" />
          </Form.Item>
          <Form.Item
            label={t('volunteers.profession')}
            name="profession"
            className="field-grow"
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Select
              options={VOLUNTEER_PROFESSIONS.map((p) => ({ value: p, label: t(`professions.${p}`) }))}
            />
          </Form.Item>
        </div>
        {profession === 'other' ? (
          <Form.Item
            label={t('volunteers.professionOther')}
            name="professionOther"
            rules={limits.professionOther.rules}
          >
            <Input autoComplete="off" maxLength={limits.professionOther.maxLength} />
          </Form.Item>
        ) : null}
        <Form.Item name="qualified" valuePropName="checked" extra={t('volunteers.qualifiedHelp')}>
          <Checkbox>{t('volunteers.qualifiedLabel')}</Checkbox>
        </Form.Item>
        <Form.Item
          label={t('volunteers.pledgeSignedDate')}
          name="pledgeSignedDate"
          extra={t('volunteers.pledgeHelp')}
        >
          <DatePicker
            aria-label={t('volunteers.pledgeSignedDate')}
            disabledDate={(d: Dayjs) => d.isAfter(todayPicker(), 'day')}
          />
        </Form.Item>
        <Form.Item label={t('volunteers.account')} name="userId" extra={t('volunteers.accountHelp')}>
          <Select
            aria-label={t('volunteers.account')}
            allowClear
            placeholder={t('volunteers.accountNone')}
            loading={accounts.isLoading}
            options={(accounts.data ?? []).map((a) => ({
              value: a.id,
              label: `${a.displayName}（${a.username}）`,
            }))}
            notFoundContent={t('volunteers.accountsEmpty')}
          />
        </Form.Item>
        <Form.Item label={t('volunteers.notes')} name="notes" rules={limits.notes.rules}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={limits.notes.maxLength} />
        </Form.Item>
        <Space className="modal-actions">
          <Button onClick={guardedClose}>{t('common.cancel')}</Button>
          <BusyButton type="primary" htmlType="submit" busy={create.isPending || update.isPending}>
            {detail ? t('common.save') : t('volunteers.register')}
          </BusyButton>
        </Space>
      </Form>
    </Modal>
  );
}
