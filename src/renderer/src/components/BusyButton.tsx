import type { MouseEvent, ReactNode } from 'react';
import { LoadingOutlined } from '@ant-design/icons';
import { Button, type ButtonProps } from 'antd';

type Props = Omit<ButtonProps, 'loading'> & {
  /** The call behind the button is running: spinner, dimmed, clicks (and Enter in its form) ignored. */
  busy: boolean;
};

/**
 * How a working button looks, for a button antd builds itself (Input.Search's enter button): the spinner in
 * place of the icon, hidden from the accessible name, dimmed like antd's own loading button (styles:
 * .busy-button). `dim: false` for a button that is also disabled, which keeps antd's disabled look alone.
 */
export function busyLook(
  busy: boolean,
  icon?: ReactNode,
  dim = true,
): { icon: ReactNode; className: string | undefined; 'aria-busy': boolean } {
  return {
    icon: busy ? <LoadingOutlined spin aria-hidden /> : icon,
    className: busy && dim ? 'busy-button' : undefined,
    'aria-busy': busy,
  };
}

/**
 * A button that shows it is working without antd's `loading` prop. antd animates its loading icon out, and
 * when that leave animation never ends (seen in Chromium under load) the icon stays in the button with
 * aria-label "loading", so its accessible name is "loading 注册" from then on — a screen reader says so and
 * a search by label fails. Here the spinner is aria-hidden and the name is always the label.
 *
 * Otherwise it behaves as antd's loading button does: it keeps the keyboard focus (it is not disabled), a
 * click or a form's Enter does nothing until the call is back, and it is dimmed the same way.
 */
export function BusyButton({ busy, icon, className, onClick, disabled, ...rest }: Props) {
  const look = busyLook(busy, icon, disabled !== true);
  const click = (e: MouseEvent<HTMLElement>) => {
    if (busy) {
      // Also stops a submit button from submitting its form a second time.
      e.preventDefault();
      return;
    }
    onClick?.(e);
  };
  return (
    <Button
      {...rest}
      disabled={disabled}
      icon={look.icon}
      className={[className, look.className].filter(Boolean).join(' ') || undefined}
      aria-busy={look['aria-busy']}
      onClick={click}
    />
  );
}
