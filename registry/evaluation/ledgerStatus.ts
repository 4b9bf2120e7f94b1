/**
 * The chain verification the console shows evaluators: `verifyLedger` over the access log and the
 * administrative trail, with the operator's key history and the published checkpoint copies, as
 * `penghubung log verify` runs it. A full verification reads every row, so one run serves everyone
 * who asks within a minute, and callers arriving while it runs wait for that run (single flight).
 */
import type { DatabaseHandle } from '../../drizzle/database.ts';
import { loadOperatorPublicKeys } from '../keys/keyLifecycle.ts';
import { readPublishedCheckpoints } from '../log/publish.ts';
import { LEDGER_CHAINS, type LedgerChain } from '../log/checkpoints.ts';
import { verifyLedger, type LedgerVerification } from '../log/verifyLog.ts';

/** A result younger than this is served again instead of reading the whole log once more. */
export const VERIFICATION_REUSE_MS = 60_000;

export interface ChainStatus {
  chain: LedgerChain;
  ok: boolean;
  mode: 'anchored' | 'genesis';
  /** Records found sound before the first problem (all of them when `ok`). */
  recordsChecked: number;
  checkpointsVerified: number;
  /** Highest seq a verified signed checkpoint covers: records after it rest on the hash chain alone. */
  sealedThrough: string;
  storedHeadSeq: string | null;
  problem: { seq: string; kind: string; detail: string } | null;
  hint: { id: string; en: string } | null;
}

export interface LedgerStatus {
  verifiedAt: string;
  ok: boolean;
  chains: ChainStatus[];
}

function statusOf(report: LedgerVerification): ChainStatus {
  return {
    chain: report.chain,
    ok: report.ok,
    mode: report.mode,
    recordsChecked: report.checked,
    checkpointsVerified: report.checkpointsVerified,
    sealedThrough: String(report.sealedThrough),
    storedHeadSeq: report.storedHead ? String(report.storedHead.seq) : null,
    problem: report.firstProblem
      ? { seq: String(report.firstProblem.seq), kind: report.firstProblem.kind, detail: report.firstProblem.detail }
      : null,
    hint: report.hint ?? null,
  };
}

export interface LedgerStatusSource {
  current(options: { refresh: boolean }): Promise<LedgerStatus>;
}

export function createLedgerStatusSource(
  database: Pick<DatabaseHandle, 'db'>,
  settings: { keysDir: string; publishedCheckpointsDir?: string | undefined },
  now: () => Date,
): LedgerStatusSource {
  let last: LedgerStatus | null = null;
  let running: Promise<LedgerStatus> | null = null;

  async function verify(): Promise<LedgerStatus> {
    const { publicKeys, history } = loadOperatorPublicKeys(settings.keysDir);
    const published = settings.publishedCheckpointsDir ? await readPublishedCheckpoints(settings.publishedCheckpointsDir) : undefined;
    const chains: ChainStatus[] = [];
    for (const chain of LEDGER_CHAINS) {
      const report = await verifyLedger(database, publicKeys, {
        chain,
        ...(published ? { published } : {}),
        ...(history ? { keyHistory: history } : {}),
      });
      chains.push(statusOf(report));
    }
    return { verifiedAt: now().toISOString(), ok: chains.every((chain) => chain.ok), chains };
  }

  return {
    async current({ refresh }) {
      if (!refresh && last && now().getTime() - Date.parse(last.verifiedAt) < VERIFICATION_REUSE_MS) return last;
      running ??= verify().finally(() => {
        running = null;
      });
      last = await running;
      return last;
    },
  };
}
