import type { ThemeConfig } from 'antd';

export const FONT_FAMILY = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';

/** A light, quiet theme: one calm blue, soft surfaces, roomy controls. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#2f6fa3',
    colorLink: '#2f6fa3',
    colorBgLayout: '#f4f6f8',
    colorTextBase: '#1f2933',
    borderRadius: 8,
    fontFamily: FONT_FAMILY,
    fontSize: 15,
    controlHeight: 36,
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerPadding: '0 24px', headerHeight: 60 },
    Menu: { itemBg: '#ffffff', itemHeight: 44, itemMarginInline: 8 },
    Card: { headerFontSize: 16 },
  },
};
