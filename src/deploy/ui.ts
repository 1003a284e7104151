import type {Progress, WatchState} from './watch-state.js'

/** What the deploy service needs of a terminal: the command provides it, tests script it. */
export interface DeployUi {
  /** a line of output */
  line(text: string): void
  /** a change the watch saw */
  progress(p: Progress): void
  /** after each poll, for a live status line on a terminal */
  poll?(state: WatchState, now: number): void
  /** asks yes or no; only called when interactive */
  confirm(question: string): Promise<boolean>
  /** a person can answer: stdin and stdout are terminals */
  interactive: boolean
}
