// Backup export and import, and the quarantine export, for the options page.
import { Account } from '../domain/schemas';
import {
  backupFileName,
  exportBackup,
  exportQuarantine,
  importBackup,
  markBackupExported,
  normaliseAccount,
  openCompanionDb,
  parseBackup,
  setCurrentAccount,
  type ImportReport,
} from '../storage';
import type { BackupImportReportView, Outcome } from '../ui/options/view-model';
import { done, guarded, type ActionContext } from './action-context';
import type { SaveFile } from './download';

/** Builds the backup file, saves it, and notes when (the reminder counts from there). */
export function exportBackupFile(ctx: ActionContext, save: SaveFile): Promise<Outcome> {
  return guarded(async () => {
    const now = ctx.now();
    const backup = await exportBackup(ctx.db, now);
    const fileName = backupFileName(ctx.db.account, now);
    save(fileName, JSON.stringify(backup, null, 1), 'application/json');
    await markBackupExported(ctx.db, now);
    ctx.notify({ type: 'settings-changed', account: ctx.db.account });
    const count = Object.values(backup.records).reduce((sum, list) => sum + list.length, 0);
    return done(`Saved ${fileName} (${count} ${count === 1 ? 'record' : 'records'}).`);
  });
}

function reportView(report: ImportReport): BackupImportReportView {
  return report.ok ? { ok: true, total: report.total } : { ok: false, reason: report.reason, errors: report.errors };
}

/** Merges a backup file into this account (all or nothing; the report says what happened). */
export async function importBackupFile(ctx: ActionContext, text: string): Promise<BackupImportReportView> {
  let report: ImportReport;
  try {
    report = await importBackup(ctx.db, text, ctx.now());
  } catch (error) {
    return { ok: false, reason: `Nothing was imported: ${error instanceof Error ? error.message : String(error)}.`, errors: [] };
  }
  if (report.ok) ctx.notify({ type: 'data-replaced', account: ctx.db.account });
  return reportView(report);
}

/**
 * Restoring on a browser that has no account yet (a new computer, before signing in): the file
 * names its account; once the whole file checks out, that account becomes the current one here
 * and the file is imported into it. A damaged file changes nothing, not even the current account.
 */
export async function importBackupAsNewAccount(
  text: string,
  now: number,
  notify: ActionContext['notify'],
): Promise<{ report: BackupImportReportView; account?: string }> {
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch (error) {
    return { report: { ok: false, reason: `The file is not valid JSON (${error instanceof Error ? error.message : String(error)}).`, errors: [] } };
  }
  const named = Account.safeParse((envelope as { account?: unknown } | null)?.account);
  if (!named.success) return { report: { ok: false, reason: 'The file is not a 1:1 Companion backup (it names no account).', errors: [] } };
  const account = normaliseAccount(named.data);
  const checked = parseBackup(envelope, account);
  if (!checked.ok) return { report: { ok: false, reason: checked.reason, errors: checked.errors } };
  await setCurrentAccount(account, now);
  const db = await openCompanionDb(account);
  try {
    const report = await importBackup(db, checked.backup, now);
    if (report.ok) notify({ type: 'data-replaced', account });
    return { report: reportView(report), account };
  } finally {
    db.close();
  }
}

export function exportQuarantineFile(ctx: ActionContext, save: SaveFile): Promise<Outcome> {
  return guarded(async () => {
    const now = ctx.now();
    const exported = await exportQuarantine(ctx.db, now);
    const day = new Date(now).toISOString().slice(0, 10);
    const fileName = `1on1-companion-kept-aside-${ctx.db.account.replace(/[^a-z0-9.@_-]+/gi, '_')}-${day}.json`;
    save(fileName, JSON.stringify(exported, null, 1), 'application/json');
    return done(`Saved ${fileName} (${exported.records.length} ${exported.records.length === 1 ? 'record' : 'records'}).`);
  });
}
