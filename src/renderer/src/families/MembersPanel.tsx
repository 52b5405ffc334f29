import { useState } from 'react';
import { Button, Empty, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FamilyDetail, Member } from '@shared/families';
import { useFamilyWrite } from './hooks';
import { MemberModal } from './MemberModal';
import { PanelHead } from './PanelHead';
import type { ReasonRequest } from '../components';

interface Props {
  family: FamilyDetail;
  editable: boolean;
  /** Asks for a reason, then removes (the page's one reason dialog). */
  confirm: (request: ReasonRequest) => void;
}

/** 家庭成员: kind, relation, name, age (it grows with the archive), situation. */
export function MembersPanel({ family, editable, confirm }: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Member | 'new' | null>(null);
  const removing = useFamilyWrite('families.removeMember');

  const remove = (m: Member) =>
    confirm({
      title: t('families.removeMemberTitle', { name: m.name }),
      intro: t('families.removeMemberIntro'),
      okText: t('families.remove'),
      danger: true,
      done: t('families.memberRemoved'),
      run: (reason) => removing.mutateAsync({ id: m.id, reason }),
    });

  const columns: ColumnsType<Member> = [
    {
      title: t('families.memberKind'),
      key: 'kind',
      width: 100,
      render: (_, m) => t(`memberKinds.${m.kind}`),
    },
    { title: t('families.relation'), key: 'relation', width: 90, render: (_, m) => m.relation },
    { title: t('families.memberName'), key: 'name', width: 120, render: (_, m) => m.name },
    {
      title: t('families.age'),
      key: 'age',
      width: 70,
      render: (_, m) =>
        m.age === null ? <span className="muted">—</span> : t('families.ageValue', { age: m.age }),
    },
    {
      title: t('families.situation'),
      key: 'situation',
      render: (_, m) =>
        m.situation ? <span className="pre-wrap">{m.situation}</span> : <span className="muted">—</span>,
    },
    ...(editable
      ? [
          {
            title: t('families.actions'),
            key: 'actions',
            width: 140,
            render: (_: unknown, m: Member) => (
              <Space size="small">
                <Button
                  size="small"
                  aria-label={t('families.editAria', { name: m.name })}
                  onClick={() => setEditing(m)}
                >
                  {t('families.edit')}
                </Button>
                <Button
                  size="small"
                  danger
                  aria-label={t('families.removeAria', { name: m.name })}
                  onClick={() => remove(m)}
                >
                  {t('families.remove')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <section className="panel" aria-labelledby="family-members">
      <PanelHead
        id="family-members"
        title={t('families.sectionMembers')}
        extra={
          editable ? (
            <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('families.addMember')}
            </Button>
          ) : null
        }
      />
      <Table<Member>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={family.members}
        pagination={false}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('families.noMembers')} />,
        }}
      />
      <MemberModal familyId={family.id} member={editing} onClose={() => setEditing(null)} />
    </section>
  );
}
