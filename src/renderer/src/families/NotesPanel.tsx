import { Button, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FamilyDetail } from '@shared/families';
import { PanelHead } from './PanelHead';

/** 家庭需求 and the safety notes visitors see (edited in 编辑档案信息). */
export function NotesPanel({
  family,
  editable,
  onEdit,
}: {
  family: FamilyDetail;
  editable: boolean;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="family-notes">
      <PanelHead
        id="family-notes"
        title={t('families.sectionNotes')}
        extra={
          editable ? (
            <Button icon={<EditOutlined />} onClick={onEdit}>
              {t('families.editNotes')}
            </Button>
          ) : null
        }
      />
      <div className="family-notes">
        <div>
          <h3>{t('families.needs')}</h3>
          {family.needs ? (
            <p className="pre-wrap">{family.needs}</p>
          ) : (
            <p className="muted">{t('families.noNeeds')}</p>
          )}
        </div>
        <div>
          <h3>
            {t('families.safetyNotes')}
            <Tag color="orange">{t('families.safetyNotesShown')}</Tag>
          </h3>
          {family.safetyNotes ? (
            <p className="pre-wrap">{family.safetyNotes}</p>
          ) : (
            <p className="muted">{t('families.noSafetyNotes')}</p>
          )}
        </div>
      </div>
    </section>
  );
}
