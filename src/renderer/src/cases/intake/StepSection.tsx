import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Typography } from 'antd';

interface Props {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}

/**
 * One wizard step: a named group whose first usable field takes focus when the step appears, so the
 * whole wizard works from the keyboard (Tab through fields, Enter for 下一步).
 */
export function StepSection({ title, intro, children }: Props) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const first = ref.current?.querySelector<HTMLElement>(
      'input:not([disabled]):not([type="hidden"]), textarea:not([disabled])',
    );
    first?.focus({ preventScroll: false });
  }, []);
  return (
    <div ref={ref} role="group" aria-labelledby={id} className="wizard-step">
      <Typography.Title level={2} id={id} className="wizard-step-title">
        {title}
      </Typography.Title>
      {intro ? <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph> : null}
      {children}
    </div>
  );
}
