// Behaviours a test can switch on, for every account or for one: the failures a real client meets.
import { accessDenied, internalError, pendingVerification, throttled, type ApiError } from './errors';

export interface FaultSettings {
  /** IAM actions to refuse with AccessDeniedException, e.g. `ivs:ImportPlaybackKeyPair` (the `ivs:` prefix is optional). */
  denyActions?: string[];
  /** Refuse creating, importing and deleting with PendingVerification, as for an account not yet verified. */
  pendingVerification?: boolean;
  /** Answer the next N matching requests with 429 ThrottlingException. */
  throttleNextRequests?: number;
  /** Answer the next N matching requests with 500 InternalServerException. */
  failNextRequests?: number;
  /** Destroy the connection of the next N matching requests without answering. */
  dropNextConnections?: number;
  /**
   * Carry out the next N matching requests, then hold the answer: for `hangAnswerAfterMs` milliseconds, or,
   * without it, never (until the client gives up or the emulator closes). What a client meets when the
   * network stalls after the service has acted.
   */
  hangNextRequests?: number;
  /** With `hangNextRequests`: answer after this many milliseconds instead of never. */
  hangAnswerAfterMs?: number;
  /**
   * Carry out the next N matching requests, start the answer (status line, headers, half the body) and then
   * drop the connection: the service acted, the client never learns it.
   */
  dropAnswerNextRequests?: number;
  /** Delay every matching request by this many milliseconds before it is handled. */
  latencyMs?: number;
  /** Restrict the counters and the latency to these operations (e.g. `ImportPublicKey`); all when absent. */
  onlyOperations?: string[];
}

export interface FaultScope {
  /** One account (12 digits); every account when absent. */
  accountId?: string;
}

export interface FaultsSnapshot {
  global: FaultSettings;
  accounts: Record<string, FaultSettings>;
}

export type FaultOutcome = { kind: 'drop' } | { kind: 'error'; error: ApiError } | { kind: 'none' };

/** What happens to the answer of a request that was carried out. */
export type AnswerFault = { kind: 'hang'; answerAfterMs?: number } | { kind: 'drop-answer' } | { kind: 'none' };

export interface FaultRequest {
  readonly accountId: string;
  readonly operation: string;
  readonly principalArn: string;
  readonly refusedWhilePendingVerification: boolean;
}

const COUNTERS = ['dropNextConnections', 'failNextRequests', 'throttleNextRequests'] as const;
const ANSWER_COUNTERS = ['hangNextRequests', 'dropAnswerNextRequests'] as const;

export const iamActionOf = (operationOrAction: string): string =>
  operationOrAction.includes(':') ? operationOrAction : `ivs:${operationOrAction}`;

const SETTING_NAMES: ReadonlySet<string> = new Set<keyof FaultSettings>([
  'denyActions',
  'pendingVerification',
  'throttleNextRequests',
  'failNextRequests',
  'dropNextConnections',
  'hangNextRequests',
  'hangAnswerAfterMs',
  'dropAnswerNextRequests',
  'latencyMs',
  'onlyOperations',
]);

function checkedSettings(settings: FaultSettings): FaultSettings {
  // A misspelt setting would otherwise be ignored and the test would wonder why nothing failed.
  const unknown = Object.keys(settings).filter((name) => !SETTING_NAMES.has(name));
  if (unknown.length > 0) throw new Error(`Unknown fault settings: ${unknown.join(', ')}; known: ${[...SETTING_NAMES].join(', ')}`);
  for (const counter of [...COUNTERS, ...ANSWER_COUNTERS, 'hangAnswerAfterMs', 'latencyMs'] as const) {
    const value = settings[counter];
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
      throw new Error(`${counter} must be a whole number >= 0, got ${JSON.stringify(value)}`);
    }
  }
  for (const list of ['denyActions', 'onlyOperations'] as const) {
    const value = settings[list];
    if (value !== undefined && (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))) {
      throw new Error(`${list} must be an array of strings`);
    }
  }
  if (settings.pendingVerification !== undefined && typeof settings.pendingVerification !== 'boolean') {
    throw new Error('pendingVerification must be a boolean');
  }
  const copy: FaultSettings = { ...settings };
  if (settings.denyActions) copy.denyActions = settings.denyActions.map(iamActionOf);
  if (settings.onlyOperations) copy.onlyOperations = [...settings.onlyOperations];
  return copy;
}

export class FaultController {
  private global: FaultSettings = {};
  private readonly accounts = new Map<string, FaultSettings>();

  /** Merges `settings` into the scope's: fields given replace, fields left out stay. */
  set(settings: FaultSettings, scope: FaultScope = {}): void {
    const checked = checkedSettings(settings);
    if (scope.accountId === undefined) this.global = { ...this.global, ...checked };
    else this.accounts.set(scope.accountId, { ...this.accounts.get(scope.accountId), ...checked });
  }

  /** Clears one account's faults, or with no account every fault everywhere. */
  clear(scope: FaultScope = {}): void {
    if (scope.accountId === undefined) {
      this.global = {};
      this.accounts.clear();
    } else {
      this.accounts.delete(scope.accountId);
    }
  }

  snapshot(): FaultsSnapshot {
    return structuredClone({ global: this.global, accounts: Object.fromEntries(this.accounts) });
  }

  /** An account's own latency wins over the global one. */
  latencyFor(accountId: string, operation: string): number {
    for (const settings of this.scopesOf(accountId)) {
      if (settings.latencyMs !== undefined && applies(settings, operation)) return settings.latencyMs;
    }
    return 0;
  }

  /** Decides, and consumes, the fault for one authenticated request. */
  decide(request: FaultRequest): FaultOutcome {
    const scopes = this.scopesOf(request.accountId);
    for (const counter of COUNTERS) {
      for (const settings of scopes) {
        const remaining = settings[counter] ?? 0;
        if (remaining > 0 && applies(settings, request.operation)) {
          settings[counter] = remaining - 1;
          if (counter === 'dropNextConnections') return { kind: 'drop' };
          return { kind: 'error', error: counter === 'failNextRequests' ? internalError() : throttled() };
        }
      }
    }
    // IAM is evaluated before the service sees the request, so a denial wins over PendingVerification.
    const action = iamActionOf(request.operation);
    if (scopes.some((settings) => settings.denyActions?.includes(action))) {
      return { kind: 'error', error: accessDenied(request.principalArn, action) };
    }
    if (request.refusedWhilePendingVerification && scopes.some((settings) => settings.pendingVerification)) {
      return { kind: 'error', error: pendingVerification() };
    }
    return { kind: 'none' };
  }

  /**
   * Decides, and consumes, what happens to the answer of a request that was carried out (decide() said
   * 'none'). Asked after the operation ran, so an error answer never counts against these.
   */
  decideAnswer(accountId: string, operation: string): AnswerFault {
    for (const counter of ANSWER_COUNTERS) {
      for (const settings of this.scopesOf(accountId)) {
        const remaining = settings[counter] ?? 0;
        if (remaining > 0 && applies(settings, operation)) {
          settings[counter] = remaining - 1;
          if (counter === 'dropAnswerNextRequests') return { kind: 'drop-answer' };
          return settings.hangAnswerAfterMs !== undefined ? { kind: 'hang', answerAfterMs: settings.hangAnswerAfterMs } : { kind: 'hang' };
        }
      }
    }
    return { kind: 'none' };
  }

  private scopesOf(accountId: string): FaultSettings[] {
    const own = this.accounts.get(accountId);
    return own ? [own, this.global] : [this.global];
  }
}

function applies(settings: FaultSettings, operation: string): boolean {
  return !settings.onlyOperations || settings.onlyOperations.includes(operation);
}
