import {deployTimeParts, hasDeployTimeValue} from '../facts/deploy-time.js'
import type {Mode} from '../facts/types.js'
import type {EnvSpec, Profile} from '../profile/types.js'
import {arnContextFindings} from './lib/env-context.js'
import {driftFindings, judgedMode, mixedModeFindings} from './lib/env-names.js'
import {checkValueShape} from './lib/env-values.js'
import {type EnvView, envView, isSet, knownSpecs} from './lib/env-view.js'
import {servedContainer} from './lib/served-container.js'
import {defineCheck, type FindingInput} from './types.js'

const NEXT = 'then register a new task definition revision and update the service (aws ecs update-service --force-new-deployment)'

function missingFinding(view: EnvView, specs: EnvSpec[], mode: Mode, message: string): FindingInput[] {
  const missing = specs.filter((s) => s.required && !isSet(view, s.name) && !(s.satisfiedBy ?? []).some((n) => isSet(view, n)))
  if (missing.length === 0) return []
  const where = `container ${view.container.name}`
  const names = missing.map((s) => s.name)
  const how = (s: EnvSpec) =>
    `${s.name} (${s.description})${s.credential ? ' in `secrets`, from Secrets Manager' : ''}${s.satisfiedBy ? `, or set ${s.satisfiedBy.join(' or ')} instead` : ''}`
  return [
    {
      detail: `The app reads its configuration at start-up and exits when a required variable is missing or empty, logging "${message.replace('<names>', names.join(', '))}"; ECS then stops the task ("Essential container in task exited") and the service keeps starting new ones that fail the same way.`,
      evidence: missing.map((s) => `${where}: ${s.name} ${view.env.has(s.name) ? 'is set but empty' : 'is not set'}`),
      fix: `Add to ${where}: ${missing.map(how).join('; ')}; ${NEXT}.`,
      impact: 'start',
      severity: 'error',
      subject: `env:${names.join(',')}`,
      title: `${where} lacks ${names.join(', ')}, required in ${mode} mode`,
    },
  ]
}

function shapeFindings(view: EnvView, specs: Map<string, EnvSpec>, profile: Profile): {findings: FindingInput[]; deployTime: string[]} {
  const where = `container ${view.container.name}`
  const findings: FindingInput[] = []
  const deployTime: string[] = []
  for (const [name, value] of view.env) {
    const spec = specs.get(name)
    if (!spec || value.trim() === '') continue
    if (hasDeployTimeValue(value)) {
      deployTime.push(`${name} waits on ${deployTimeParts(value).join(', ')}`)
      continue
    }

    // a credential's value is never echoed, so its shape is not judged here
    if (spec.credential) continue
    const problem = checkValueShape(spec.kind, value, profile)
    if (!problem) continue
    const to = problem.use === undefined ? `a value of the right shape: ${problem.expected ?? spec.description}` : `"${problem.use}"`
    findings.push({
      detail: `${name} holds ${spec.description}; its value ${problem.what}, which the app cannot use as it is.`,
      evidence: [`${where}: ${name} ${problem.what}`],
      fix: `Set ${name} in ${where} to ${to}; ${NEXT}.`,
      impact: problem.impact,
      severity: problem.severity,
      subject: `env:${name}`,
      title: `${name} in ${where} ${problem.what}`,
    })
  }

  return {deployTime, findings}
}

export default defineCheck({
  description:
    'Looks at the webhook container\'s variables for the mode it runs in: every required variable set and non-empty (in `environment`, or in `secrets` where allowed), each value of the shape the app needs (hosts, bucket names, ARNs, tenant, log level, booleans, port), ARNs in the account and region of the deployment, no drifted or misspelt names, and not both modes\' variables at once.',
  id: 'env-complete',
  needs: ['taskDefinition', 'mode'],
  run({deployment, mode, taskDefinition}, profile) {
    const served = servedContainer(taskDefinition, profile)
    if (!served) return []
    const view = envView(served.container)
    const judged = judgedMode(view, profile, mode.value)
    const specs = profile.env[judged]
    const {deployTime, findings: shapes} = shapeFindings(view, knownSpecs(profile), profile)
    const findings = [
      ...missingFinding(view, specs, judged, profile.missingConfigMessage[judged]),
      ...mixedModeFindings(view, profile, mode.value),
      ...driftFindings(view, profile, judged),
      ...shapes,
      ...arnContextFindings(view, [...specs, ...profile.commonEnv], deployment),
    ]
    if (deployTime.length > 0) {
      findings.push({
        detail: 'These values come from template parameters or resources that only exist when the stack deploys, so bwops cannot judge their shape yet.',
        evidence: deployTime.map((d) => `container ${view.container.name}: ${d}`),
        fix: 'After deploying, run bwops doctor against the live stack (or a bundle recorded from it) to check these values.',
        impact: 'hygiene',
        severity: 'info',
        title: `${deployTime.length} variable${deployTime.length === 1 ? '' : 's'} of container ${view.container.name} ${deployTime.length === 1 ? 'is' : 'are'} known only at deploy time`,
      })
    }

    return findings
  },
  subject: 'env',
  title: 'Container environment is complete for its mode',
  uses: ['deployment'],
})
