// One log line as `bwops logs` shows it: its message already redacted.

export interface LogLine {
  /** epoch milliseconds */
  timestamp: number
  taskId: string
  container: string
  message: string
  stream: string
  eventId?: string
  /** with --errors: the id of the failure signature this line matched */
  match?: string
}

/** What the logs service hands its printer, in order. */
export type LogsOutput =
  | {kind: 'lines'; lines: LogLine[]}
  | {kind: 'error-block'; matches: {id: string; title: string; cause: string; fix: string}[]; lines: LogLine[]}
  /** which tasks are shown and why (with --previous), and hints when nothing matched */
  | {kind: 'note'; text: string}
