import { useEffect } from 'react';
import { Card, DatePicker, Form, Input, Radio, Select } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_TYPES, EDUCATION_LEVELS, SexSchema, type DocumentType } from '@shared/cases';
import { DAY_FORMAT, textField, todayPicker } from '../../components';
import {
  birthDateMatchesId,
  derivedFromId,
  residentIdRules,
  residentIdTypingProblem,
  sexMatchesId,
} from './idRules';
import { PARTY_KEYS } from './intakeForm';

interface Props {
  index: 0 | 1;
  /** Separate consent covers this party's sensitive fields; without it they are disabled. */
  covered: boolean;
}

/** One party: minimal fields always; document, birth date, education, occupation, address with consent. */
export function PartyFields({ index, covered }: Props) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const name = (field: string) => ['parties', index, field];
  // Both parties have the same fields (and limits): the first one's schema speaks for both.
  const limits = {
    name: textField(t, 'cases.create', 'parties.0.name'),
    phone: textField(t, 'cases.create', 'parties.0.phone'),
    documentNumber: textField(t, 'cases.create', 'parties.0.documentNumber'),
    occupation: textField(t, 'cases.create', 'parties.0.occupation'),
    address: textField(t, 'cases.create', 'parties.0.address'),
  };
  const documentType = Form.useWatch<DocumentType | null | undefined>(name('documentType'));
  const documentNumber = Form.useWatch<string | undefined>(name('documentNumber'));
  const derived = covered ? derivedFromId(documentType, documentNumber) : null;
  const derivedBirth = derived?.birthDate;
  const derivedSex = derived?.sex;
  // Field errors are shown by the field; this says them aloud as they appear (antd does not announce them).
  const idProblem =
    covered && documentType === 'resident_id' ? residentIdTypingProblem(documentNumber) : null;

  // A valid resident ID number fills an empty birth date and sex; filled ones are cross-checked instead.
  useEffect(() => {
    if (!derivedBirth || !derivedSex) return;
    const birth = form.getFieldValue(['parties', index, 'birthDate']) as Dayjs | null | undefined;
    const sex = form.getFieldValue(['parties', index, 'sex']) as string | null | undefined;
    if (!birth) form.setFieldValue(['parties', index, 'birthDate'], dayjs(derivedBirth, DAY_FORMAT));
    if (!sex) form.setFieldValue(['parties', index, 'sex'], derivedSex);
    void form
      .validateFields([
        ['parties', index, 'birthDate'],
        ['parties', index, 'sex'],
      ])
      .catch(() => undefined);
  }, [form, index, derivedBirth, derivedSex]);

  const partyLabel = t(`parties.${PARTY_KEYS[index] ?? 'party_a'}`);
  const sensitive = !covered;

  return (
    <Card
      className="party-card"
      title={partyLabel}
      variant="outlined"
      size="small"
      role="group"
      aria-label={partyLabel}
    >
      <Form.Item label={t('party.name')} name={name('name')} rules={limits.name.rules}>
        <Input maxLength={limits.name.maxLength} autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={t('party.sex')}
        name={name('sex')}
        dependencies={[name('documentNumber'), name('documentType')]}
        rules={covered ? [sexMatchesId(index)] : []}
      >
        <Radio.Group
          aria-label={`${partyLabel} ${t('party.sex')}`}
          options={SexSchema.options.map((v) => ({ value: v, label: t(`sexes.${v}`) }))}
        />
      </Form.Item>
      <Form.Item label={t('party.phone')} name={name('phone')} rules={limits.phone.rules}>
        <Input maxLength={limits.phone.maxLength} autoComplete="off" inputMode="tel" />
      </Form.Item>
      <Form.Item label={t('party.documentType')} name={name('documentType')}>
        <Select
          disabled={sensitive}
          allowClear
          options={DOCUMENT_TYPES.map((v) => ({ value: v, label: t(`documentTypes.${v}`) }))}
        />
      </Form.Item>
      <Form.Item
        label={t('party.documentNumber')}
        name={name('documentNumber')}
        validateTrigger={['onChange', 'onBlur']}
        rules={covered ? [...residentIdRules(index), ...limits.documentNumber.rules] : []}
        extra={
          derived ? (
            <span className="id-ok" role="status">
              <CheckCircleOutlined aria-hidden="true" />{' '}
              {t('party.idDerived', { birthDate: derived.birthDate, sex: t(`sexes.${derived.sex}`) })}
            </span>
          ) : undefined
        }
      >
        <Input
          disabled={sensitive}
          maxLength={limits.documentNumber.maxLength}
          autoComplete="off"
          spellCheck={false}
          className="mono-input"
        />
      </Form.Item>
      <span className="sr-only" role="alert">
        {idProblem ? `${partyLabel} ${idProblem}` : ''}
      </span>
      <Form.Item
        label={t('party.birthDate')}
        name={name('birthDate')}
        dependencies={[name('documentNumber'), name('documentType')]}
        rules={covered ? [birthDateMatchesId(index)] : []}
      >
        <DatePicker
          disabled={sensitive}
          aria-label={`${partyLabel} ${t('party.birthDate')}`}
          disabledDate={(d: Dayjs) => d.isAfter(todayPicker(), 'day')}
        />
      </Form.Item>
      <Form.Item label={t('party.education')} name={name('education')}>
        <Select
          disabled={sensitive}
          allowClear
          options={EDUCATION_LEVELS.map((v) => ({ value: v, label: t(`education.${v}`) }))}
        />
      </Form.Item>
      <Form.Item label={t('party.occupation')} name={name('occupation')} rules={limits.occupation.rules}>
        <Input disabled={sensitive} maxLength={limits.occupation.maxLength} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('party.address')} name={name('address')} rules={limits.address.rules}>
        <Input disabled={sensitive} maxLength={limits.address.maxLength} autoComplete="off" />
      </Form.Item>
    </Card>
  );
}
