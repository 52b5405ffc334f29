import { useEffect, useRef, type ReactNode } from 'react';
import { Typography } from 'antd';

interface Props {
  title: string;
  intro?: ReactNode;
  extra?: ReactNode;
  /** Move focus to the heading on arrival (pages without a first field to focus). */
  focusHeading?: boolean;
  children: ReactNode;
}

/** One page of the desk: a heading that also takes focus after navigation, then the content. */
export function Page({ title, intro, extra, focusHeading = true, children }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusHeading) heading.current?.focus({ preventScroll: true });
  }, [focusHeading, title]);
  return (
    <section className="page">
      <div className="page-head">
        <div>
          <Typography.Title level={1} className="page-title" ref={heading} tabIndex={-1}>
            {title}
          </Typography.Title>
          {intro ? (
            <Typography.Paragraph type="secondary" className="page-intro">
              {intro}
            </Typography.Paragraph>
          ) : null}
        </div>
        {extra ? <div className="page-extra">{extra}</div> : null}
      </div>
      {children}
    </section>
  );
}
