import { memo, useEffect, useState, type ComponentType } from 'react';
import {
  Alert,
  Checkbox,
  DatePicker,
  Empty,
  Form,
  Input,
  Pagination,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { whenIdle } from './lazyScreen';

/*
 * antd writes each component's styles (CSS-in-JS) the first time one of its kind is drawn, and drops them
 * from its cache when the last one goes. The case list is the first screen with a table, its pager, the
 * filter's selects and date ranges: drawn cold, writing those styles was most of 案件's first paint. Drawn
 * here once, hidden, while the desk is idle, and kept, they are ready for the list and every later visit.
 */

const NONE: never[] = [];
const COLUMNS = [{ key: 'a', title: '', width: 100 }];
const SELECTION = { columnWidth: 48 };
const PAGER = { total: 200, showSizeChanger: true, showQuickJumper: true, pageSizeOptions: [50, 100] };
const OPTIONS = [{ value: 'a', label: '' }];

const TableStage = () => (
  <Table
    rowKey="a"
    size="middle"
    virtual
    scroll={{ x: 200, y: 100 }}
    columns={COLUMNS}
    dataSource={NONE}
    rowSelection={SELECTION}
    pagination={PAGER}
    locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
  />
);

const PagerStage = () => (
  <Pagination total={200} showSizeChanger showQuickJumper pageSizeOptions={[50, 100]} />
);

const SelectStage = () => (
  <Form layout="inline">
    <Form.Item label="-">
      <Select allowClear options={OPTIONS} />
    </Form.Item>
    <Form.Item label="-">
      <Select mode="multiple" allowClear showSearch options={OPTIONS} />
    </Form.Item>
    <Form.Item>
      <Input.Search allowClear size="large" />
    </Form.Item>
  </Form>
);

const PickerStage = () => <DatePicker.RangePicker allowEmpty={[true, true]} />;

const CellStage = () => (
  <Space size={[4, 4]} wrap>
    <Tag color="red" variant="filled">
      -
    </Tag>
    <Tag color="blue" variant="outlined">
      -
    </Tag>
    <Checkbox />
    <Typography.Text type="danger">-</Typography.Text>
  </Space>
);

/** The search's "more results" notice (an Alert): else first drawn, and its styles written, by a search. */
const NoticeStage = () => <Alert type="info" showIcon title="-" />;

/** One a turn, each when the desk is next idle, so none holds up a click for long. */
const STAGES: ComponentType[] = [TableStage, PagerStage, SelectStage, PickerStage, CellStage, NoticeStage];

/**
 * Draws `stages` once each, hidden (out of sight and of the accessibility tree), one a turn when the page
 * is next idle, and keeps them: antd's styles for their components are then written before a screen needs
 * them. Stay mounted for as long as the styles should stay.
 */
export const HiddenWarmup = memo(function HiddenWarmup({ stages }: { stages: readonly ComponentType[] }) {
  const [drawn, setDrawn] = useState(0);
  useEffect(
    () => (drawn < stages.length ? whenIdle(() => setDrawn((n) => n + 1)) : undefined),
    [drawn, stages],
  );
  return (
    <div hidden aria-hidden="true" className="style-warmup">
      {stages.slice(0, drawn).map((Stage, i) => (
        <Stage key={i} />
      ))}
    </div>
  );
});

/**
 * Draws the case list's antd components once, hidden, while the desk is idle, so their styles are written
 * before 案件 is first opened. The shell keeps it mounted.
 */
export const StyleWarmup = () => <HiddenWarmup stages={STAGES} />;
