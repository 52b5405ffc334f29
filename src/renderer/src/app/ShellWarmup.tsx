import type { ComponentType } from 'react';
import { Badge, Button, Empty, Layout, Menu, Radio, Skeleton, Space, Tag, Typography } from 'antd';
import { HomeOutlined } from '@ant-design/icons';
import { HiddenWarmup } from '../components';

/*
 * antd writes each component's styles (CSS-in-JS) the first time one of its kind is drawn. The desk's
 * shell (sidebar menu, header) and the 工作台 are first drawn right after a sign-in: writing their styles
 * then was a good part of 登录 → 工作台. Drawn here once, hidden, while the sign-in screen is idle (the
 * password typed, the key derived), and kept for the whole session, they are ready when the desk opens.
 */

const MENU = [{ key: '/', icon: <HomeOutlined />, label: '-' }];
const RADIO = [
  { value: 1, label: '-' },
  { value: 2, label: '-' },
];

const ShellStage = () => (
  <Layout>
    <Layout.Sider theme="light" width={208}>
      <Menu mode="inline" items={MENU} selectedKeys={['/']} />
    </Layout.Sider>
    <Layout>
      <Layout.Header>
        <Typography.Text ellipsis>-</Typography.Text>
        <Space size="small" wrap={false}>
          <Tag color="blue" variant="filled">
            -
          </Tag>
          <Button type="text" icon={<HomeOutlined />}>
            -
          </Button>
          <Button icon={<HomeOutlined />}>-</Button>
        </Space>
      </Layout.Header>
      {/* No Spin: a spinning one, even hidden, would read as "still loading" (.ant-spin-spinning). */}
      <Layout.Content />
    </Layout>
  </Layout>
);

const PageStage = () => (
  <>
    <Typography.Title level={1}>-</Typography.Title>
    <Typography.Paragraph type="secondary">-</Typography.Paragraph>
    <Button type="primary" icon={<HomeOutlined />}>
      -
    </Button>
    <Skeleton active paragraph={{ rows: 1 }} />
  </>
);

const SectionStage = () => (
  <>
    <Badge count="1" overflowCount={Number.MAX_SAFE_INTEGER} showZero color="#2f6fa3" />
    <Radio.Group size="small" optionType="button" value={1} options={RADIO} />
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="-" />
    <Tag color="gold">-</Tag>
    <Tag color="red">-</Tag>
  </>
);

/** One a turn, each when the page is next idle, so none holds up a keystroke or a click for long. */
const STAGES: ComponentType[] = [ShellStage, PageStage, SectionStage];

/**
 * Draws the shell's and the 工作台's antd components once, hidden, while the page is idle, so their styles
 * are written before the first sign-in opens the desk. Mounted beside the phases (App), so it stays across
 * sign-in, lock and sign-out.
 */
export const ShellWarmup = () => <HiddenWarmup stages={STAGES} />;
