import { useState } from 'react';
import type { z } from 'zod';
import type { RecoveryIssueSchema } from '@shared/auth';
import { RecoveryCodeView } from './RecoveryCode';
import { RecoveryConfirm } from './RecoveryConfirm';

export type RecoveryIssue = z.infer<typeof RecoveryIssueSchema>;
export type RecoveryPhase = 'show' | 'confirm';

interface Props {
  issue: RecoveryIssue;
  phase: RecoveryPhase;
  onPhaseChange: (phase: RecoveryPhase) => void;
  onDone: () => void;
}

/** Show the new code, then require one group typed back; there is no way past without confirming. */
export function RecoveryFlow({ issue, phase, onPhaseChange, onDone }: Props) {
  return phase === 'show' ? (
    <RecoveryCodeView code={issue.recoveryCode} onWritten={() => onPhaseChange('confirm')} />
  ) : (
    <RecoveryConfirm
      confirmGroup={issue.confirmGroup}
      onConfirmed={onDone}
      onBack={() => onPhaseChange('show')}
    />
  );
}

/** For screens that need no outside view of the phase. */
export function useRecoveryPhase(): [RecoveryPhase, (p: RecoveryPhase) => void] {
  return useState<RecoveryPhase>('show');
}
