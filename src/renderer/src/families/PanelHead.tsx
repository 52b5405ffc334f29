import type { ReactNode } from 'react';

/** A panel's heading (h2, named for its section) with its actions on the right. */
export function PanelHead({ id, title, extra }: { id: string; title: ReactNode; extra?: ReactNode }) {
  return (
    <div className="panel-head">
      <h2 id={id} className="panel-title">
        {title}
      </h2>
      {extra ? <div className="family-panel-actions">{extra}</div> : null}
    </div>
  );
}
