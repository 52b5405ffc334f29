import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { MEMBER_KINDS, type MemberKind } from '@shared/families';
import { numberField, textField } from '../components';

/** A member as the forms hold it. */
export interface MemberValues {
  kind?: MemberKind;
  relation?: string;
  name?: string;
  age?: number | null;
  situation?: string;
}

/** The input a member form sends ('families.create' members, 'families.saveMember'). */
export function memberInput(v: MemberValues) {
  return {
    kind: v.kind ?? 'other',
    relation: v.relation?.trim() ?? '',
    name: v.name?.trim() ?? '',
    age: v.age ?? null,
    situation: v.situation?.trim() ?? '',
  };
}

interface Props {
  /** Where the member's fields live in the form ([] for a form of one member, [0] inside Form.List). */
  prefix: (string | number)[];
  autoFocus?: boolean;
}

/** 类别, 关系, 姓名, 年龄 and 现状: limits from 'families.saveMember'. */
export function MemberFields({ prefix, autoFocus }: Props) {
  const { t } = useTranslation();
  const name = (field: string): (string | number)[] => [...prefix, field];
  const relation = textField(t, 'families.saveMember', 'relation');
  const memberName = textField(t, 'families.saveMember', 'name');
  const situation = textField(t, 'families.saveMember', 'situation');
  const age = numberField('families.saveMember', 'age');
  return (
    <div className="member-fields">
      <Form.Item
        label={t('families.memberKind')}
        name={name('kind')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Select
          autoFocus={autoFocus}
          options={MEMBER_KINDS.map((v) => ({ value: v, label: t(`memberKinds.${v}`) }))}
        />
      </Form.Item>
      <Form.Item label={t('families.relation')} name={name('relation')} rules={relation.rules}>
        <Input
          maxLength={relation.maxLength}
          autoComplete="off"
          placeholder={t('families.relationPlaceholder')}
        />
      </Form.Item>
      <Form.Item label={t('families.memberName')} name={name('name')} rules={memberName.rules}>
        <Input maxLength={memberName.maxLength} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('families.age')} name={name('age')}>
        <InputNumber min={age.min} max={age.max} precision={0} suffix={t('families.years')} />
      </Form.Item>
      <Form.Item
        className="member-situation"
        label={t('families.situation')}
        name={name('situation')}
        rules={situation.rules}
      >
        <Input
          maxLength={situation.maxLength}
          autoComplete="off"
          placeholder={t('families.situationPlaceholder')}
        />
      </Form.Item>
    </div>
  );
}
