import {iamEvaluationSource} from '../checks/iam/source.js'
import type {FactSource} from '../facts/facts.js'
import {deploymentSource, modeSource} from '../facts/sources/files.js'
import {templateFactSource} from '../facts/sources/template.js'
import type {Mode} from '../facts/types.js'
import type {Profile} from '../profile/types.js'

export interface PlannedStack {
  template: unknown
  parameters: Record<string, string>
  mode: Mode
  account?: string
  region?: string
}

/**
 * The facts of the stack as it will deploy: the template read with the planned parameters, the
 * mode, where it runs, and the IAM simulation over its roles. Sources given first win.
 */
export function plannedSources(planned: PlannedStack, profile: Profile, first: FactSource[] = []): FactSource[] {
  return [
    ...first,
    templateFactSource(planned.template, 'planned template', profile, {parameters: planned.parameters}),
    modeSource(profile, planned.mode),
    deploymentSource({account: planned.account, region: planned.region}),
    iamEvaluationSource(profile),
  ]
}
