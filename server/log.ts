/** One-line JSON logs on stderr; stdout carries only the "ready" line. */
export type Logger = {
  info(event: string, details?: Record<string, unknown>): void;
  error(event: string, details?: Record<string, unknown>): void;
};

export function createLogger(level: 'silent' | 'error' | 'info'): Logger {
  const write = (severity: string, event: string, details?: Record<string, unknown>) =>
    process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), severity, event, ...details })}\n`);
  return {
    info: (event, details) => level === 'info' && write('info', event, details),
    error: (event, details) => level !== 'silent' && write('error', event, details),
  };
}
