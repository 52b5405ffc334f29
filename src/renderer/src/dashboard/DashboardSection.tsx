import { useId, type ReactNode } from 'react';
import { Badge, Empty } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';

export interface DashboardRow {
  key: string;
  caseId: string;
  caseNumber: string;
  /** The case tab to open (records, referrals …). */
  tab?: string;
  content: ReactNode;
}

interface Props {
  title: string;
  count: number;
  empty: string;
  headerExtra?: ReactNode;
  rows: DashboardRow[];
}

/**
 * One block of the 工作台: a heading with the count, then rows that are whole links to the case (Tab and
 * Enter open them). Rows show office numbers only, never names: the screen faces the room.
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
              <Link
                className="dashboard-row"
                to={r.tab ? `/cases/${r.caseId}?tab=${r.tab}` : `/cases/${r.caseId}`}
              >
                <span className="dashboard-case mono">{r.caseNumber}</span>
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
