import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCounsellors } from '../../api';
import { textField } from '../../components';
import { StepSection } from './StepSection';

/**
 * 负责辅导员 and 陪护人 (a user of this desk, or the name of someone without an account). When editing a
 * case the counsellor is shown but locked: it changes only through supervision (assign / transfer).
 */
export function StaffStep({ counsellorLocked = false }: { counsellorLocked?: boolean } = {}) {
  const { t } = useTranslation();
  const counsellors = useCounsellors();
  const companionUserId = Form.useWatch<string | null | undefined>('companionUserId');
  const companionName = textField(t, 'cases.create', 'companionName');
  const options = (counsellors.data ?? []).map((u) => ({
    value: u.id,
    label: t('common.withNote', { main: u.displayName, note: t(`roles.${u.role}`) }),
  }));
  return (
    <StepSection title={t('intake.step_staff')} intro={t('intake.staffIntro')}>
      <Form.Item
        label={t('intake.counsellor')}
        name="counsellorId"
        rules={counsellorLocked ? [] : [{ required: true, message: t('common.required') }]}
        extra={counsellorLocked ? t('caseDetail.editCounsellorLocked') : undefined}
      >
        <Select
          className="input-medium"
          disabled={counsellorLocked}
          showSearch={{ optionFilterProp: 'label' }}
          loading={counsellors.isPending}
          options={options}
        />
      </Form.Item>
      <Form.Item label={t('intake.companionUser')} name="companionUserId" extra={t('intake.companionHelp')}>
        <Select
          className="input-medium"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={counsellors.isPending}
          options={options}
        />
      </Form.Item>
      <Form.Item label={t('intake.companionName')} name="companionName" rules={companionName.rules}>
        <Input
          className="input-medium"
          maxLength={companionName.maxLength}
          autoComplete="off"
          disabled={Boolean(companionUserId)}
        />
      </Form.Item>
    </StepSection>
  );
}
