import { channel, type ChannelSpec } from '../ipc';
import {
  FiguresSchema,
  StatisticsInputSchema,
  StatisticsListInputSchema,
  StatisticsListSchema,
} from './schemas';
import { z } from 'zod';
import { ReportSnapshotSchema, SnapshotComparisonSchema, SnapshotListInputSchema } from './snapshots';

/**
 * 'statistics.*' (docs/indicators.md): the 统计 page's figures for a period, and the list behind each
 * number. Both cover only what the caller may see (cases by the case rule, DV disclosures and DV-linked
 * referrals only with DV rights). Lists show case numbers, never names.
 */
export const statisticsContract = {
  'statistics.get': channel({
    input: StatisticsInputSchema,
    output: FiguresSchema,
    access: 'cases.work',
  }),
  /** The rows behind one number, paged; `total` equals the number. */
  'statistics.list': channel({
    input: StatisticsListInputSchema,
    output: StatisticsListSchema,
    access: 'cases.work',
  }),
  /**
   * 报送: freezes the period's report as the director sees it (figures, the rows behind every number,
   * their content hash). Audited ('statistics.submitted').
   */
  'statistics.submit': channel({
    input: StatisticsInputSchema,
    output: ReportSnapshotSchema,
    access: 'cases.supervise',
    write: true,
  }),
  /** Submitted reports, newest first (optionally of one period). */
  'statistics.snapshots': channel({
    input: SnapshotListInputSchema,
    output: z.array(ReportSnapshotSchema),
    access: 'cases.supervise',
  }),
  /** A submitted report against what its period shows now: which numbers changed, and which cases. */
  'statistics.compareSnapshot': channel({
    input: z.object({ snapshotId: z.string().uuid() }),
    output: SnapshotComparisonSchema,
    access: 'cases.supervise',
  }),
} as const satisfies Record<string, ChannelSpec>;
