// What a container's exit code says about how it ended. Codes above 128 are 128 + the signal
// that killed the process (9 SIGKILL, 11 SIGSEGV, 15 SIGTERM).

export interface ExitCodeEntry {
  id: string
  code: number
  /** a few words: "application error" */
  meaning: string
  cause: string
  fix: string
}

export const exitCodes: ExitCodeEntry[] = [
  {
    cause: 'The process ended on its own without an error. A web service should keep running: the command ran something that finishes (a script, a shell without exec), or the server was told to stop.',
    code: 0,
    fix: "Check the container's command and entry point start the server in the foreground (e.g. `python -m src.app`), and read the last log lines for why it stopped.",
    id: 'exit-0',
    meaning: 'ended without error',
  },
  {
    cause: 'The application failed: usually an uncaught exception or a configuration error at start-up (a missing variable, a secret it could not read).',
    code: 1,
    fix: 'Read the container\'s last log lines (`bwops doctor` shows them under container-log-signatures, or `aws logs tail <group> --since 1h`); fix the error they name.',
    id: 'exit-1',
    meaning: 'application error',
  },
  {
    cause: 'The command line was wrong: a bad argument or option to the program or shell (Python exits 2 when it cannot open the script or module path).',
    code: 2,
    fix: "Check the task definition's `command` and `entryPoint` against the image, e.g. with `docker run --rm <image>` locally.",
    id: 'exit-2',
    meaning: 'bad command line',
  },
  {
    cause: 'Gunicorn exits 3 when a worker failed to boot: the app raised while being imported.',
    code: 3,
    fix: 'Read the log lines before "Worker failed to boot": the traceback names the import or configuration error.',
    id: 'exit-3',
    meaning: 'gunicorn worker failed to boot',
  },
  {
    cause: 'Gunicorn exits 4 when it cannot load the application object (wrong module or attribute name).',
    code: 4,
    fix: 'Check the app path gunicorn is given (module:attribute) exists in the image.',
    id: 'exit-4',
    meaning: 'gunicorn app failed to load',
  },
  {
    cause: 'The command was found but could not be executed: no execute permission, or a file that is not a program.',
    code: 126,
    fix: "Make the entry point executable in the image (`chmod +x`) or call it through its interpreter in the task definition's `command`.",
    id: 'exit-126',
    meaning: 'command not executable',
  },
  {
    cause: 'The command was not found in the image: a typo, a tool the image lacks, or a PATH that does not hold it.',
    code: 127,
    fix: "Check the task definition's `command`/`entryPoint` and the image's PATH; run `docker run --rm --entrypoint sh <image> -c 'command -v <program>'`.",
    id: 'exit-127',
    meaning: 'command not found',
  },
  {
    cause: 'The process aborted (SIGABRT), usually a failed assertion in native code.',
    code: 134,
    fix: 'Read the last log lines for the assertion; check native libraries match the image platform.',
    id: 'exit-134',
    meaning: 'aborted by SIGABRT',
  },
  {
    cause: 'The process was killed (SIGKILL): it ran out of memory, or it did not stop within the stop timeout after SIGTERM.',
    code: 137,
    fix: "If the container's reason says OutOfMemory, raise the task or container memory (or fix the leak); otherwise make the app exit promptly on SIGTERM or raise `stopTimeout`.",
    id: 'exit-137',
    meaning: 'killed: out of memory or stop timeout',
  },
  {
    cause: 'The process crashed with a segmentation fault (SIGSEGV), in native code or a native library.',
    code: 139,
    fix: 'Check native dependencies are built for the image platform (linux/amd64 vs arm64) and the task\'s runtimePlatform; read the last log lines.',
    id: 'exit-139',
    meaning: 'segmentation fault',
  },
  {
    cause: 'The process was asked to stop (SIGTERM) and did. This is how ECS stops a container; on its own it is a consequence, not a cause.',
    code: 143,
    fix: 'Look for why ECS stopped the task: another essential container exited, a failed health check, or a deployment replacing it.',
    id: 'exit-143',
    meaning: 'terminated by SIGTERM',
  },
  {
    cause: 'The process exited with status -1 or 255: often a fatal error before the app started (an exec failure, e.g. an image built for another CPU architecture).',
    code: 255,
    fix: 'Check the image\'s platform matches the task\'s runtimePlatform (linux/amd64 by default) and read the last log lines.',
    id: 'exit-255',
    meaning: 'fatal error',
  },
]

const SIGNALS: Record<number, string> = {1: 'SIGHUP', 2: 'SIGINT', 6: 'SIGABRT', 9: 'SIGKILL', 11: 'SIGSEGV', 15: 'SIGTERM'}

/** The meaning of an exit code, from the table or, for codes not in it, from its range. */
export function describeExitCode(code: number): ExitCodeEntry {
  const entry = exitCodes.find((e) => e.code === code)
  if (entry) return entry
  if (code > 128 && code < 160) {
    const signal = code - 128
    return {
      cause: `The process was killed by signal ${signal}${SIGNALS[signal] ? ` (${SIGNALS[signal]})` : ''}.`,
      code,
      fix: 'Read the last log lines and the container reason for what sent the signal.',
      id: 'exit-signal',
      meaning: `killed by signal ${signal}`,
    }
  }

  return {
    cause: `The application exited with status ${code}, which it chose: its own code says what it means.`,
    code,
    fix: "Read the container's last log lines for the error it reported before exiting.",
    id: 'exit-other',
    meaning: `exit status ${code}`,
  }
}
