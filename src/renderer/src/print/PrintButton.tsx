import { App, type ButtonProps } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Channel, ChannelInput } from '@shared/contract';
import { errorMessage, useApiMutation } from '../api';
import { BusyButton } from '../components';
import { downloadPdf } from './downloadPdf';

/** Every 'print.*' channel: each answers with one PDF file. */
type PrintChannel = Extract<Channel, `print.${string}`>;

interface Props<K extends PrintChannel> {
  channel: K;
  input: ChannelInput<K>;
  label: string;
  size?: ButtonProps['size'];
}

/** 打印: the desk renders the A4 PDF; the browser saves it (Chinese print dialog stays the user's choice). */
export function PrintButton<K extends PrintChannel>({ channel, input, label, size }: Props<K>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const print = useApiMutation(channel);
  const run = () => {
    print.mutate(input, {
      onSuccess: (file) => {
        downloadPdf(file);
        void message.success(t('print.ready', { fileName: file.fileName }));
      },
      onError: (error) => void message.error(errorMessage(error)),
    });
  };
  return (
    <BusyButton icon={<PrinterOutlined />} size={size} busy={print.isPending} onClick={run}>
      {print.isPending ? t('print.working') : label}
    </BusyButton>
  );
}
