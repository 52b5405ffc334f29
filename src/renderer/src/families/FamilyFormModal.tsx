import { App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { FamilyDetail } from '@shared/families';
import { BusyButton, ErrorAlert, listMax, textField, useFormError, useGuardedClose } from '../components';
import { useFamilyWrite } from './hooks';
import { MemberFields, memberInput, type MemberValues } from './memberFields';
import { SafetyNotesWarning } from './SafetyNotesWarning';

interface Values {
  name?: string;
  needs?: string;
  safetyNotes?: string;
  members?: MemberValues[];
}

interface Props {
  open: boolean;
  /** The archive to edit (name, needs, safety notes); absent: a new archive with its members. */
  family?: FamilyDetail;
  onClose: () => void;
}

/** 新建家庭档案 (by hand, with its members) or 编辑档案信息 (户名, needs, safety notes). */
export function FamilyFormModal({ open, family, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const create = useFamilyWrite('families.create');
  const update = useFamilyWrite('families.update');
  const guardedClose = useGuardedClose(form, onClose);
  const limits = {
    name: textField(t, 'families.create', 'name'),
    needs: textField(t, 'families.create', 'needs'),
    safetyNotes: textField(t, 'families.create', 'safetyNotes'),
  };
  const maxMembers = listMax('families.create', 'members');

  const submit = (v: Values) => {
    formError.clear();
    const fields = {
      name: v.name?.trim() ?? '',
      needs: v.needs?.trim() ?? '',
      safetyNotes: v.safetyNotes?.trim() ?? '',
    };
    const done = (saved: FamilyDetail) => {
      form.resetFields();
      onClose();
      if (family) {
        void message.success(t('families.saved'));
      } else {
        void message.success(t('families.created', { number: saved.archiveNumber }));
        void navigate(`/families/${saved.id}`);
      }
    };
    if (family) {
      update.mutate(
        { familyId: family.id, ...fields },
        { onSuccess: done, onError: (e) => formError.report(e) },
      );
    } else {
      create.mutate(
        { ...fields, members: (v.members ?? []).map(memberInput) },
        { onSuccess: done, onError: (e) => formError.report(e) },
      );
    }
  };

  return (
    <Modal
      open={open}
      title={family ? t('families.formTitle_edit') : t('families.formTitle_new')}
      onCancel={guardedClose}
      footer={null}
      width={family ? 720 : 880}
      destroyOnHidden
      maskClosable={false}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        onFinish={submit}
        initialValues={
          family
            ? { name: family.name, needs: family.needs ?? '', safetyNotes: family.safetyNotes ?? '' }
            : { members: [] }
        }
        scrollToFirstError={{ focus: true }}
      >
        <ErrorAlert error={formError.error} />
        <Form.Item
          label={t('families.name')}
          name="name"
          rules={limits.name.rules}
          extra={t('families.nameHelp')}
        >
          <Input autoFocus maxLength={limits.name.maxLength} autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('families.needs')}
          name="needs"
          rules={limits.needs.rules}
          extra={t('families.needsHelp')}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={limits.needs.maxLength} />
        </Form.Item>
        <SafetyNotesWarning />
        <Form.Item label={t('families.safetyNotes')} name="safetyNotes" rules={limits.safetyNotes.rules}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={limits.safetyNotes.maxLength} />
        </Form.Item>
        {family ? null : (
          <section aria-labelledby="family-form-members">
            <Typography.Title level={2} className="subsection-title" id="family-form-members">
              {t('families.sectionMembers')}
            </Typography.Title>
            <Form.List name="members">
              {(fields, { add, remove }) => (
                <>
                  {fields.length === 0 ? <p className="muted">{t('families.noMembersYet')}</p> : null}
                  {fields.map((field, i) => (
                    <div
                      key={field.key}
                      className="member-fieldset"
                      role="group"
                      aria-label={t('families.memberN', { n: i + 1 })}
                    >
                      <div className="member-head">
                        <h3>{t('families.memberN', { n: i + 1 })}</h3>
                        <Button
                          size="small"
                          icon={<DeleteOutlined />}
                          aria-label={t('families.removeMemberN', { n: i + 1 })}
                          onClick={() => remove(field.name)}
                        />
                      </div>
                      <MemberFields prefix={[field.name]} />
                    </div>
                  ))}
                  <Button
                    icon={<PlusOutlined />}
                    disabled={fields.length >= maxMembers}
                    onClick={() => add({ kind: 'spouse' })}
                  >
                    {t('families.addMember')}
                  </Button>
                </>
              )}
            </Form.List>
          </section>
        )}
        <Space className="modal-actions">
          <Button onClick={guardedClose}>{t('common.cancel')}</Button>
          <BusyButton type="primary" htmlType="submit" busy={create.isPending || update.isPending}>
            {family ? t('common.save') : t('families.create')}
          </BusyButton>
        </Space>
      </Form>
    </Modal>
  );
}
