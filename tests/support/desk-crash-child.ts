import { createApp } from '../../src/main/app/create-app';
import { useTestScryptCost } from './key-cost';
import { nodePlatform } from '../../src/main/app/node-platform';
import { bareIntake } from './intake';
import { seededRandom } from './workload-generator';

/*
 * A desk process for the crash test (tests/integration/desk-crash.test.ts), built into one file and run
 * with plain node so it starts fast. It opens the real app on a data directory (createApp: the data-dir
 * lock, the keyring, the encrypted store), signs a counsellor in, and then writes through the real
 * services for as long as it lives — intakes of cases, counselling record drafts and their autosaves,
 * referrals — printing one line per write the service has returned, i.e. committed:
 *   ack <table> <row id> <version>
 * The parent kills it with SIGKILL at a random moment. Its stdin closing (the parent gone) ends it too.
 * Lines carry ids and counters only.
 */

const out = (line: string) => process.stdout.write(`${line}\n`);

interface Row {
  id: string;
  version: number;
}

async function main(): Promise<void> {
  const [dir, username, password, seedText] = process.argv.slice(2);
  if (!dir || !username || !password)
    throw new Error('usage: desk-crash-child <dir> <user> <password> <seed>');
  const random = seededRandom(Number(seedText ?? '1'));
  // The parent made the keyring at the test cost; the same cost here, or sign-in would upgrade the slot.
  useTestScryptCost();
  const app = await createApp(dir, nodePlatform('test'));
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await app.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code}`);
    return r.value as T;
  };
  await call('auth.login', { username, password });
  out('ready');
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();

  const cases: string[] = [];
  const drafts: (Row & { caseId: string })[] = [];
  for (let n = 0; ; n++) {
    const x = random();
    const kase = cases[Math.floor(random() * cases.length)];
    if (!kase || x < 0.25) {
      const created = await call<Row>('cases.create', bareIntake());
      cases.push(created.id);
      out(`ack cases ${created.id} ${created.version}`);
    } else if (x < 0.45 || drafts.length === 0) {
      const draft = await call<Row>('records.saveDraft', { caseId: kase, interviewNotes: `初次记录 ${n}` });
      drafts.push({ ...draft, caseId: kase });
      out(`ack counselling_records ${draft.id} ${draft.version}`);
    } else if (x < 0.85) {
      const draft = drafts[Math.floor(random() * drafts.length)] as Row & { caseId: string };
      const saved = await call<Row>('records.saveDraft', {
        caseId: draft.caseId,
        recordId: draft.id,
        baseVersion: draft.version,
        interviewNotes: `自动保存 ${n}：双方情绪稳定`,
      });
      draft.version = saved.version;
      out(`ack counselling_records ${saved.id} ${saved.version}`);
    } else {
      const referral = await call<Row>('referrals.create', {
        caseId: kase,
        target: 'legal_aid',
        targetName: null,
        reason: '当事人需要法律援助',
        consentGiven: true,
        expectedReplyDate: '2026-12-20',
      });
      out(`ack referrals ${referral.id} ${referral.version}`);
    }
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`desk crash child failed: ${e instanceof Error ? e.message : typeof e}\n`);
  process.exit(1);
});
