import type { ReactNode } from 'react';
import './components.css';

/** antd's preset tag colours used here, 'processing' (its info blue) and 'default'. */
export type PlainTagColor =
  'default' | 'processing' | 'red' | 'volcano' | 'gold' | 'green' | 'cyan' | 'purple';

interface Props {
  color: PlainTagColor;
  /** filled: tinted, no border; outlined: tinted with a border (antd's Tag variants). */
  variant: 'filled' | 'outlined';
  children: ReactNode;
}

/**
 * A tag that looks like antd's Tag (same size, colours and variants; components.css) but is one plain span:
 * antd's Tag registers its styles and wave effect per instance, and the case list draws several a row.
 */
export function PlainTag({ color, variant, children }: Props) {
  return <span className={`plain-tag plain-tag-${variant} plain-tag-${color}`}>{children}</span>;
}
