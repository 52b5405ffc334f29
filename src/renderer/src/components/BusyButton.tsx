import { LoadingOutlined } from '@ant-design/icons';
import { Button, type ButtonProps } from 'antd';

type Props = Omit<ButtonProps, 'loading'> & {
  /** The call behind the button is running: spinner, disabled, aria-busy. */
  busy: boolean;
};

/**
 * A button that shows it is working without antd's `loading` prop. antd animates its loading icon out, and
 * when that leave animation never ends (seen in Chromium under load) the icon stays in the button with
 * aria-label "loading", so its accessible name is "loading 注册" from then on — a screen reader says so and
 * a search by label fails. Here the spinner is aria-hidden and the name is always the label.
 */
export function BusyButton({ busy, icon, disabled, ...rest }: Props) {
  return (
    <Button
      {...rest}
      icon={busy ? <LoadingOutlined spin aria-hidden /> : icon}
      disabled={disabled === true || busy}
      aria-busy={busy}
    />
  );
}
