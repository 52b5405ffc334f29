import { useContext, useEffect, useState } from 'react';
import { ConfigProvider, DatePicker } from 'antd';
import { CalendarOutlined, SwapRightOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { toLocalDate } from './dates';
import './components.css';

type RangeValue = [Dayjs | null, Dayjs | null] | null;

interface Props {
  /** From Form.Item (name=…): the range and its change. */
  value?: RangeValue;
  onChange?: (value: RangeValue) => void;
  /** Each input's id (its label points at it). */
  startId: string;
  endId: string;
}

/**
 * A RangePicker that is drawn only once it is used. Until the first focus (a click, Tab) it is a stand-in
 * of two plain inputs that look like the picker's and show its value, with the same ids, so the labels
 * name them and a test or screen reader reads the same thing; a click (opening it) or focus draws the
 * real picker in its place, its same input focused. The picker is many components (two inputs, the
 * popup's machinery, its styles): a screen with two of them (案件's filters) drew them on every first
 * visit though most visits never open them.
 */
export function LazyRangePicker({ value, onChange, startId, endId }: Props) {
  const [opened, setOpened] = useState<{ index: 0 | 1; open: boolean } | null>(null);
  const { componentDisabled } = ConfigProvider.useConfig();
  const { locale } = useContext(ConfigProvider.ConfigContext);

  // The picker's own input of the same side takes the focus (a click has opened the picker: defaultOpen).
  useEffect(() => {
    if (opened) document.getElementById(opened.index === 0 ? startId : endId)?.focus();
  }, [opened, startId, endId]);

  if (opened) {
    return (
      <DatePicker.RangePicker
        id={{ start: startId, end: endId }}
        allowEmpty={[true, true]}
        defaultOpen={opened.open}
        value={value}
        onChange={(next) => onChange?.(next)}
      />
    );
  }
  const [startPlaceholder, endPlaceholder] = locale?.DatePicker?.lang.rangePlaceholder ?? [];
  const disabled = componentDisabled === true;
  const input = (index: 0 | 1) => (
    <input
      id={index === 0 ? startId : endId}
      className="range-stand-in-input"
      readOnly
      disabled={disabled}
      autoComplete="off"
      placeholder={index === 0 ? startPlaceholder : endPlaceholder}
      value={toLocalDate(value?.[index]) ?? ''}
      // As the picker: a click opens it, focus from the keyboard only focuses it.
      onMouseDown={(e) => {
        e.preventDefault();
        setOpened({ index, open: true });
      }}
      onFocus={() => setOpened({ index, open: false })}
    />
  );
  return (
    <span className={disabled ? 'range-stand-in range-stand-in-disabled' : 'range-stand-in'}>
      {input(0)}
      <span className="range-stand-in-separator" aria-hidden="true">
        <SwapRightOutlined />
      </span>
      {input(1)}
      <CalendarOutlined className="range-stand-in-suffix" aria-hidden="true" />
    </span>
  );
}
