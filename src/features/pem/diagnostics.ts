import * as vscode from 'vscode';
import type { PemFinding, Severity } from '../../core/pem';
import type { PemWorkspace } from './pemWorkspace';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export const DIAGNOSTIC_SOURCE = 'IVS Keys';

export function toRange(r: PemFinding['range']): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function toDiagnostic(finding: PemFinding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(finding.range), `${finding.message} ${finding.fix}`.trim(), SEVERITY[finding.editorSeverity]);
  d.source = DIAGNOSTIC_SOURCE;
  // Quick fixes find their finding by this code.
  d.code = finding.code;
  return d;
}

/** One collection for the Problems panel, fed by the PemWorkspace's analyses. */
export function registerPemDiagnostics(pem: PemWorkspace): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('ivs-keys');
  const sub = pem.onDidChange((changes) => {
    // One message to the workbench per batch, not one per file.
    const entries: Array<[vscode.Uri, vscode.Diagnostic[] | undefined]> = [];
    for (const c of changes) {
      if ('removed' in c) collection.delete(c.uri);
      else entries.push([c.uri, c.analysis.findings.map(toDiagnostic)]);
    }
    if (entries.length > 0) collection.set(entries);
  });
  for (const f of pem.all()) collection.set(f.uri, f.analysis.findings.map(toDiagnostic));
  return vscode.Disposable.from(collection, sub);
}
