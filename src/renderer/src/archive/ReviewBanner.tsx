import { Alert, App } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportReview } from '@shared/archive';
import { errorMessage, useApiMutation } from '../api';
import { BusyButton } from '../components';
import { formatTime } from './format';
import { useReviews } from './hooks';

/**
 * 待核对: an import found this case and another one to be two versions of the same case and kept both.
 * The banner links the other copy and takes 已核对 (audited) once someone has compared them.
 */
export function ReviewBanner({ caseId }: { caseId: string }) {
  const reviews = useReviews(caseId);
  const open = (reviews.data?.reviews ?? []).filter((r) => r.resolvedAt === null);
  if (open.length === 0) return null;
  return (
    <>
      {open.map((review) => (
        <ReviewAlert key={review.reviewId} review={review} />
      ))}
    </>
  );
}

function ReviewAlert({ review }: { review: ImportReview }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const resolve = useApiMutation('archive.resolveReview');
  const done = () =>
    resolve.mutate(
      { reviewId: review.reviewId },
      {
        onSuccess: () => void message.success(t('archive.reviewResolved')),
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  return (
    <Alert
      className="archive-review"
      type="warning"
      showIcon
      role="note"
      title={t('archive.reviewTitle')}
      description={
        <>
          <p>
            {t('archive.reviewBody', {
              time: formatTime(review.importedAt),
              caseNumber: review.otherCaseNumber,
            })}
          </p>
          <Link to={`/cases/${review.otherCaseId}`}>
            {t('archive.reviewOpen', { caseNumber: review.otherCaseNumber })}
          </Link>
        </>
      }
      action={
        <BusyButton size="small" busy={resolve.isPending} onClick={done}>
          {t('archive.reviewResolve')}
        </BusyButton>
      }
    />
  );
}
