import { App, Button, Form, Modal, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Member } from '@shared/families';
import { BusyButton, ErrorAlert, useFormError, useGuardedClose } from '../components';
import { useFamilyWrite } from './hooks';
import { MemberFields, memberInput, type MemberValues } from './memberFields';

interface Props {
  familyId: string;
  /** The member to edit, 'new' to add one, null when closed. */
  member: Member | 'new' | null;
  onClose: () => void;
}

/** 添加 / 编辑家庭成员. */
export function MemberModal({ familyId, member, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<MemberValues>();
  const formError = useFormError(form);
  const save = useFamilyWrite('families.saveMember');
  const guardedClose = useGuardedClose(form, onClose);
  const editing = member !== null && member !== 'new' ? member : null;

  const submit = (v: MemberValues) => {
    formError.clear();
    save.mutate(
      { familyId, ...(editing ? { memberId: editing.id } : {}), ...memberInput(v) },
      {
        onSuccess: () => {
          void message.success(t('families.memberSaved'));
          form.resetFields();
          onClose();
        },
        onError: (e) => formError.report(e),
      },
    );
  };

  return (
    <Modal
      open={member !== null}
      title={editing ? t('families.memberTitle_edit') : t('families.memberTitle_new')}
      onCancel={guardedClose}
      footer={null}
      width={640}
      destroyOnHidden
      maskClosable={false}
    >
      <Form<MemberValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        onFinish={submit}
        initialValues={
          editing
            ? {
                kind: editing.kind,
                relation: editing.relation,
                name: editing.name,
                age: editing.age,
                situation: editing.situation ?? '',
              }
            : { kind: 'child' }
        }
      >
        <ErrorAlert error={formError.error} />
        <MemberFields prefix={[]} autoFocus />
        <Space className="modal-actions">
          <Button onClick={guardedClose}>{t('common.cancel')}</Button>
          <BusyButton type="primary" htmlType="submit" busy={save.isPending}>
            {t('common.save')}
          </BusyButton>
        </Space>
      </Form>
    </Modal>
  );
}
