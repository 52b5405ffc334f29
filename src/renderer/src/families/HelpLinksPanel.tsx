import { useState } from 'react';
import { Button, Empty, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FamilyDetail, HelpLink, HelpLinkStatus } from '@shared/families';
import { HelpLinkModal } from './HelpLinkModal';
import { useFamilyWrite } from './hooks';
import { PanelHead } from './PanelHead';
import type { ReasonRequest } from '../components';

const STATUS_COLOR: Record<HelpLinkStatus, string> = {
  linked: 'blue',
  in_progress: 'processing',
  completed: 'green',
  ended: 'default',
};

interface Props {
  family: FamilyDetail;
  editable: boolean;
  confirm: (request: ReasonRequest) => void;
}

/** 一果一联: who helps the family after counselling (a federation contact or a programme). */
export function HelpLinksPanel({ family, editable, confirm }: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<HelpLink | 'new' | null>(null);
  const removing = useFamilyWrite('families.removeHelpLink');

  const remove = (l: HelpLink) =>
    confirm({
      title: t('families.removeHelpLinkTitle', { name: l.helperName }),
      intro: t('families.removeHelpLinkIntro'),
      okText: t('families.remove'),
      danger: true,
      done: t('families.helpLinkRemoved'),
      run: (reason) => removing.mutateAsync({ id: l.id, reason }),
    });

  const columns: ColumnsType<HelpLink> = [
    {
      title: t('families.helpKind'),
      key: 'kind',
      width: 110,
      render: (_, l) => t(`helpLinkKinds.${l.kind}`),
    },
    { title: t('families.helperName'), key: 'helperName', width: 180, render: (_, l) => l.helperName },
    {
      title: t('families.contact'),
      key: 'contact',
      width: 160,
      render: (_, l) => l.contact ?? <span className="muted">—</span>,
    },
    {
      title: t('families.helpStatus'),
      key: 'status',
      width: 90,
      render: (_, l) => <Tag color={STATUS_COLOR[l.status]}>{t(`helpLinkStatuses.${l.status}`)}</Tag>,
    },
    {
      title: t('families.period'),
      key: 'period',
      width: 200,
      render: (_, l) => (
        <span className="mono">
          {l.startDate} – {l.endDate ?? ''}
        </span>
      ),
    },
    {
      title: t('families.notes'),
      key: 'notes',
      render: (_, l) =>
        l.notes ? <span className="pre-wrap">{l.notes}</span> : <span className="muted">—</span>,
    },
    ...(editable
      ? [
          {
            title: t('families.actions'),
            key: 'actions',
            width: 140,
            render: (_: unknown, l: HelpLink) => (
              <Space size="small">
                <Button
                  size="small"
                  aria-label={t('families.editAria', { name: l.helperName })}
                  onClick={() => setEditing(l)}
                >
                  {t('families.edit')}
                </Button>
                <Button
                  size="small"
                  danger
                  aria-label={t('families.removeAria', { name: l.helperName })}
                  onClick={() => remove(l)}
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
    <section className="panel" aria-labelledby="family-help-links">
      <PanelHead
        id="family-help-links"
        title={t('families.sectionHelpLinks')}
        extra={
          editable ? (
            <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('families.addHelpLink')}
            </Button>
          ) : null
        }
      />
      <p className="muted small">{t('families.sectionHelpLinksIntro')}</p>
      <Table<HelpLink>
        rowKey="id"
        size="small"
        scroll={{ x: 900 }}
        columns={columns}
        dataSource={family.helpLinks}
        pagination={false}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('families.noHelpLinks')} />,
        }}
      />
      <HelpLinkModal familyId={family.id} link={editing} onClose={() => setEditing(null)} />
    </section>
  );
}
