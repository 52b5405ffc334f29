import { useEffect, useRef } from 'react';
import { App, Button, Tooltip } from 'antd';
import { FolderOpenOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CaseDetail } from '@shared/cases';
import { errorMessage, useApiMutation, useApiQuery } from '../../api';
import { BusyButton } from '../../components';

/**
 * 家庭档案 on the case page: open the family's archive, or make it from this case once the case has a
 * signed counselling result (members, focus and follow-up plan come with it).
 */
export function FamilyAction({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const ofCase = useApiQuery('families.ofCase', { caseId: detail.id });
  const openFromCase = useApiMutation('families.openFromCase');

  // Signing a record gives the case its result: ask again whether an archive can be opened now.
  const result = useRef(detail.result);
  const refetch = ofCase.refetch;
  useEffect(() => {
    if (result.current === detail.result) return;
    result.current = detail.result;
    void refetch();
  }, [detail.result, refetch]);

  if (!ofCase.data) return null;
  const { familyId, canOpen } = ofCase.data;
  if (familyId) {
    return (
      <Button icon={<FolderOpenOutlined />} onClick={() => void navigate(`/families/${familyId}`)}>
        {t('caseDetail.familyView')}
      </Button>
    );
  }
  if (!canOpen) {
    // A disabled button takes no focus: the wrapper does, so the reason reaches keyboard users too.
    return (
      <>
        <Tooltip title={t('caseDetail.familyNeedsResult')}>
          <span tabIndex={0} className="disabled-action" aria-describedby="case-family-needs-result">
            <Button icon={<FolderOpenOutlined />} disabled>
              {t('caseDetail.familyOpen')}
            </Button>
          </span>
        </Tooltip>
        <span id="case-family-needs-result" className="sr-only">
          {t('caseDetail.familyNeedsResult')}
        </span>
      </>
    );
  }
  return (
    <BusyButton
      icon={<FolderOpenOutlined />}
      busy={openFromCase.isPending}
      onClick={() =>
        openFromCase.mutate(
          { caseId: detail.id },
          {
            onSuccess: (family) => {
              void message.success(t('caseDetail.familyOpened', { number: family.archiveNumber }));
              void navigate(`/families/${family.id}`);
            },
            onError: (e) => void message.error(errorMessage(e)),
          },
        )
      }
    >
      {t('caseDetail.familyOpen')}
    </BusyButton>
  );
}
