import { useId, type ReactNode } from 'react';
import { Badge, Empty } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';

export interface DashboardRow {
  key: string;
  /** The office number shown first: a case number, or a family archive number. */
  number: string;
  /** Where the row leads: the case (with its tab) or the family archive. */
  to: string;
  content: ReactNode;
}

/** A row's link to its case, at a tab (records, referrals …) or its first one. */
export const caseLink = (caseId: string, tab?: string): string =>
  tab ? `/cases/${caseId}?tab=${tab}` : `/cases/${caseId}`;

interface Props {
  title: string;
  count: number;
  empty: string;
  headerExtra?: ReactNode;
  rows: DashboardRow[];
}

/**
 * One block of the 工作台: a heading with the count, then rows that are whole links to the case or the
 * family archive (Tab and Enter open them). Rows show office numbers only, never names: the screen faces
 * the room.
 */
export function DashboardSection({ title, count, empty, headerExtra, rows }: Props) {
  const id = useId();
  return (
    <section className="panel dashboard-section" aria-labelledby={id}>
      <div className="panel-head">
        <h2 id={id} className="panel-title">
          {title} <Badge count={count} showZero color={count > 0 ? '#2f6fa3' : '#b7c0c7'} />
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
    </section>
  );
}
