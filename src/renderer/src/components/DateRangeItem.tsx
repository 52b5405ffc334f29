import { useId } from 'react';
import { Form } from 'antd';
import { LazyRangePicker } from './LazyRangePicker';

interface Props {
  /** The form field holding [from, to]. */
  name: string;
  /** The visible label over both inputs ('受理日期'). */
  label: string;
  /** Each input's own name ('受理日期起' / '受理日期止'). */
  startLabel: string;
  endLabel: string;
}

/**
 * A date range filter whose two inputs each have a name. antd's RangePicker gives both inputs the same
 * aria props, so without this the end input is known only by its placeholder. The visible label points
 * at the first input (clicking it focuses there) but is hidden from the accessible name, which comes
 * from each input's own hidden label instead. The picker itself is drawn on first focus (LazyRangePicker).
 */
export function DateRangeItem({ name, label, startLabel, endLabel }: Props) {
  const id = useId();
  const start = `${id}-start`;
  const end = `${id}-end`;
  return (
    <Form.Item label={<span aria-hidden="true">{label}</span>} htmlFor={start}>
      <label htmlFor={start} className="sr-only">
        {startLabel}
      </label>
      <label htmlFor={end} className="sr-only">
        {endLabel}
      </label>
      <Form.Item name={name} noStyle>
        <LazyRangePicker startId={start} endId={end} />
      </Form.Item>
    </Form.Item>
  );
}
