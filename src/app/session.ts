// Which account a page shows and its open database. The current account is the one the meta
// database names (set at sign-in by the sync engine, or by restoring a backup on a new browser);
// before the engine has written it, the account it reports signed in is used.
import { getCurrentAccount, normaliseAccount, openCompanionDb, type CompanionDb, type StorageInterruption } from '../storage';
import type { AccountSyncState } from './account-sync';

export async function resolveAccount(syncState: AccountSyncState | undefined): Promise<string | undefined> {
  const current = await getCurrentAccount();
  if (current) return current;
  const signedIn = syncState?.account.state === 'signed-in' ? syncState.account.account : undefined;
  return signedIn ? normaliseAccount(signedIn) : undefined;
}

/** Keeps one connection open for the page's life, reopening when the account changes. */
export class AccountSession {
  private current: { account: string; db: CompanionDb } | undefined;

  constructor(private readonly onInterruption: (interruption: StorageInterruption) => void) {}

  async open(account: string): Promise<CompanionDb> {
    if (this.current && this.current.account === account && !this.current.db.closed) return this.current.db;
    this.close();
    const db = await openCompanionDb(account, { onInterruption: this.onInterruption });
    this.current = { account: db.account, db };
    return db;
  }

  close(): void {
    this.current?.db.close();
    this.current = undefined;
  }
}
