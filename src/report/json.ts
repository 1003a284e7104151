import type {DoctorReport} from './model.js'

/** `--json`: the report as it is, with a schema version so consumers can tell shapes apart. */
export function renderJson(report: DoctorReport): string {
  return JSON.stringify({schemaVersion: 1, ...report}, null, 2)
}
