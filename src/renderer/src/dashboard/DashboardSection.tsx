import { useId, type ReactNode } from 'react';
import { Badge, Empty } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export interface DashboardRow {
  key: string;
  /** The office number shown first: a case number, or a family archive number. */
  number: string;
  /** Where the row leads: the case (with its tab) or the family archive. */
  to: string;
  content: ReactNode;
}

/** Where 查看全部 leads: a list that shows the whole section, filtered alike (set up by `onFollow`). */
export interface FullList {
  to: string;
  state?: unknown;
  /** Runs before the navigation (e.g. puts the section's filter into the case list). */
  onFollow?: () => void;
}

/** A row's link to its case, at a tab (records, referrals …) or its first one. */
export const caseLink = (caseId: string, tab?: string): string =>
  tab ? `/cases/${caseId}?tab=${tab}` : `/cases/${caseId}`;

interface Props {
  title: string;
  /** How many there are in all (the rows are the first few). */
  total: number;
  empty: string;
  headerExtra?: ReactNode;
  rows: DashboardRow[];
  /** The full, filtered list, where there is one. */
  full?: FullList;
}

/**
 * One block of the 工作台: a heading with the true count, then the first rows, which are whole links to
 * the case or the family archive (Tab and Enter open them), then 查看全部 N 条 to the full list (or, for a
 * section without one, how many are not shown). Rows show office numbers only, never names: the screen
 * faces the room.
 */
export function DashboardSection({ title, total, empty, headerExtra, rows, full }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const more = total > rows.length;
  return (
    <section className="panel dashboard-section" aria-labelledby={id}>
      <div className="panel-head">
        <h2 id={id} className="panel-title">
          {title}{' '}
          <Badge
            // The true number, with separators (antd would cap a number at "99+").
            count={new Intl.NumberFormat(i18n.language).format(total)}
            overflowCount={Number.MAX_SAFE_INTEGER}
            showZero
            color={total > 0 ? '#2f6fa3' : '#b7c0c7'}
            title={t('dashboard.count', { total })}
          />
        </h2>
        {headerExtra}
      </div>
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} className="dashboard-empty" />
      ) : (
        <ul className="dashboard-list">
          {rows.map((r) => (
            <li key={r.key}>
              <Link className="dashboard-row" to={r.to}>
                <span className="dashboard-case mono">{r.number}</span>
                <span className="dashboard-content">{r.content}</span>
                <RightOutlined aria-hidden="true" className="dashboard-chevron" />
              </Link>
            </li>
          ))}
        </ul>
      )}
      {more && full ? (
        <Link className="dashboard-more" to={full.to} state={full.state} onClick={full.onFollow}>
          {t('dashboard.viewAll', { total })}
          <RightOutlined aria-hidden="true" />
        </Link>
      ) : more ? (
        <p className="dashboard-more muted">{t('dashboard.firstOf', { shown: rows.length, total })}</p>
      ) : null}
    </section>
  );
}
