/**
 * What a tool for an AI agent hands back, for both doors (the MCP server in the CLI and the language model
 * tools in the extension): a one-sentence summary a model can act on, and short structured data. A failure is
 * an answer too (`isError`), whose summary says what to do; nothing here throws at the model.
 *
 * Every answer passes through `renderAnswer`, which scrubs anything shaped like a secret as the last lock: the
 * tools themselves never put a stream key, a private key, a token or an AWS secret into an answer.
 */
import { scrubForModel } from './secrets';

export interface ToolAnswer {
  readonly isError: boolean;
  /** One or two sentences; for an error, what to do about it. */
  readonly summary: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

export function answer(summary: string, data?: Record<string, unknown>): ToolAnswer {
  return { isError: false, summary, ...(data ? { data } : {}) };
}

export function refusal(summary: string, data?: Record<string, unknown>): ToolAnswer {
  return { isError: true, summary, ...(data ? { data } : {}) };
}

/** The text a model reads: the summary, then the data as compact JSON. Scrubbed of anything secret-shaped. */
export function renderAnswer(a: ToolAnswer): string {
  return scrubForModel(a.data ? `${a.summary}\n${JSON.stringify(a.data)}` : a.summary);
}

/** An unexpected failure, as an answer: its message only (our errors' messages are safe and say what to do). */
export function failureAnswer(error: unknown, doing: string): ToolAnswer {
  const message = error instanceof Error ? error.message : String(error);
  return refusal(`${doing} failed: ${message}`);
}
