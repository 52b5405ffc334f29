import type { ImportReview } from '../../shared/archive';
import { DomainError } from '../../shared/errors';
import { actorOf, appendAudit } from '../audit';
import { caseVisibility, findVisibleCaseOrThrow } from '../cases';
import type { ReadCall, WriteCall } from '../desk';

/*
 * 待核对: the links an import made between a kept copy and this desk's case. Shown on either case's page
 * to whoever may see that case; marking one checked is audited (ids only).
 */

export async function reviewsOfCase(call: ReadCall, caseId: string): Promise<{ reviews: ImportReview[] }> {
  await findVisibleCaseOrThrow(call.db, call.user, caseId);
  const rows = await call.db
    .selectFrom('import_reviews')
    .selectAll()
    .where((eb) => eb.or([eb('case_id', '=', caseId), eb('other_case_id', '=', caseId)]))
    .orderBy('imported_at', 'desc')
    .execute();
  const otherOf = (r: (typeof rows)[number]) => (r.case_id === caseId ? r.other_case_id : r.case_id);
  const numbers = new Map<string, string>();
  if (rows.length > 0) {
    const cases = await call.db
      .selectFrom('cases')
      .select(['id', 'case_number'])
      .where('id', 'in', rows.map(otherOf))
      .execute();
    for (const c of cases) numbers.set(c.id, c.case_number);
  }
  return {
    reviews: rows.map((r) => ({
      reviewId: r.id,
      caseId,
      otherCaseId: otherOf(r),
      otherCaseNumber: numbers.get(otherOf(r)) ?? '',
      importedAt: r.imported_at,
      resolvedAt: r.resolved_at,
    })),
  };
}

export async function resolveReview(call: WriteCall, reviewId: string): Promise<null> {
  const review = await call.db
    .selectFrom('import_reviews')
    .innerJoin('cases', 'cases.id', 'import_reviews.case_id')
    .select([
      'import_reviews.id',
      'import_reviews.case_id',
      'import_reviews.other_case_id',
      'import_reviews.resolved_at',
    ])
    .where('import_reviews.id', '=', reviewId)
    .where(caseVisibility(call.user))
    .executeTakeFirst();
  if (!review) throw new DomainError('ARCHIVE_REVIEW_NOT_FOUND');
  if (review.resolved_at !== null) return null;
  const at = call.now.toISOString();
  await call.db
    .updateTable('import_reviews')
    .set({ resolved_at: at, resolved_by: call.user.id })
    .where('id', '=', reviewId)
    .execute();
  await appendAudit(
    call.db,
    {
      ...actorOf(call.user),
      action: 'archive.review_resolved',
      targetType: 'case',
      targetId: review.case_id,
      detail: { reviewId, otherCaseId: review.other_case_id },
    },
    call.now,
  );
  return null;
}
