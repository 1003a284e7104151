import type {Mode} from '../../facts/types.js'
import type {Profile} from '../../profile/types.js'
import type {FindingInput} from '../types.js'
import {closestName} from './closest.js'
import {type EnvView, isSet, knownSpecs} from './env-view.js'
import {modeTheAppPicks} from './webhook-knowledge.js'

// Names that drifted (PACKAGE_PREFIX for PKG_PREFIX), names that look misspelt, and a container
// that carries both modes' variables at once.

export function driftFindings(view: EnvView, profile: Profile, mode: Mode): FindingInput[] {
  const specs = knownSpecs(profile)
  const where = `container ${view.container.name}`
  const findings: FindingInput[] = []
  for (const name of view.names) {
    if (specs.has(name)) continue
    const canonical = [...specs.values()].find((s) => s.aliases?.includes(name))
    if (canonical) {
      const both = isSet(view, canonical.name)
      findings.push({
        detail: both
          ? `The app reads ${canonical.name} and ignores ${name}, an older name some documents used.`
          : `The app reads ${canonical.name}, not ${name}, and ${canonical.name} is not set: the app silently uses the default${canonical.default === undefined ? '' : ` "${canonical.default}"`}, whatever ${name} says.`,
        evidence: [`${where}: ${name} set, ${canonical.name} ${both ? 'set' : 'not set'}`],
        fix: both
          ? `Remove ${name} from ${where}; ${canonical.name} already holds the setting.`
          : `Rename ${name} to ${canonical.name} in ${where}'s environment, then register a new task definition revision and update the service.`,
        impact: both ? 'hygiene' : 'runtime',
        severity: 'warning',
        subject: `env:${canonical.name}`,
        title: both ? `${name} in ${where} is an old name the app ignores` : `${name} in ${where} is ignored: the app reads ${canonical.name}`,
      })
      continue
    }

    const near = closestName(name, specs.keys())
    if (!near) continue
    const spec = specs.get(near.name)!
    const missingRequired = profile.env[mode].some((s) => s.name === near.name && s.required) && !isSet(view, near.name)
    findings.push({
      detail: `${near.caseOnly ? `${name} differs from ${near.name} only in letter case, and variable names are case-sensitive` : `${name} is not a variable the app reads; ${near.name} (${spec.description}) is`}. The app never sees the value under this name${missingRequired ? `, and ${near.name} is required in ${mode} mode` : ''}.`,
      evidence: [`${where}: ${name} set, ${near.name} ${isSet(view, near.name) ? 'set' : 'not set'}`],
      fix: `Rename ${name} to ${near.name} in ${where}'s ${view.secrets.has(name) ? 'secrets' : 'environment'}, then register a new task definition revision and update the service.`,
      impact: missingRequired ? 'start' : 'runtime',
      severity: 'warning',
      subject: `env:${near.name}`,
      title: `${name} in ${where} looks like a misspelling of ${near.name}`,
    })
  }

  return findings
}

/** Every variable the mode requires is set (or satisfied by another). */
export function modeComplete(view: EnvView, profile: Profile, mode: Mode): boolean {
  return profile.env[mode].every((s) => !s.required || isSet(view, s.name) || (s.satisfiedBy ?? []).some((n) => isSet(view, n)))
}

/**
 * The mode to judge the container by: the deployment's mode, unless the app will run in the other
 * one and has all it needs there; then "missing" variables of the deployment's mode stop nothing.
 */
export function judgedMode(view: EnvView, profile: Profile, mode: Mode): Mode {
  // a release that runs in one mode only reads that mode's variables, whatever else is set
  if (profile.release.modes.length === 1) return profile.release.modes[0]!
  const picked = modeTheAppPicks((n) => isSet(view, n), requiredNames(profile))
  return picked !== mode && modeComplete(view, profile, picked) ? picked : mode
}

/** The variables whose presence makes the app run in secrets-only mode. */
function requiredNames(profile: Profile): string[] {
  return profile.env['secrets-only'].filter((s) => s.required).map((s) => s.name)
}

export function mixedModeFindings(view: EnvView, profile: Profile, mode: Mode): FindingInput[] {
  if (profile.release.modes.length === 1) return []
  const secretsOnly = requiredNames(profile)
  const legacy = profile.env.legacy.map((s) => s.name)
  const setSecretsOnly = secretsOnly.filter((n) => isSet(view, n))
  const setLegacy = legacy.filter((n) => isSet(view, n))
  const picked = modeTheAppPicks((n) => isSet(view, n), secretsOnly)
  const where = `container ${view.container.name}`
  const rule = `The app runs in secrets-only mode when ${secretsOnly.join(' and ')} are all set, and in legacy mode otherwise`
  const disagree = picked === mode ? '' : ` bwops judged this deployment as ${mode} mode, so its other findings may not describe what the app does.`
  if (setSecretsOnly.length === 0 || setLegacy.length === 0) {
    if (picked === mode || !modeComplete(view, profile, picked)) return []
    return [
      {
        detail: `${rule}: this container carries only ${picked} variables, so the app will run in ${picked} mode, not ${mode}.`,
        evidence: [`${where}: ${(picked === 'legacy' ? setLegacy : setSecretsOnly).join(', ')}`],
        fix: `If ${mode} mode is meant, set ${profile.env[mode].filter((s) => s.required).map((s) => s.name).join(', ')} in ${where} and remove the ${picked} variables; otherwise run bwops with --mode ${picked}.`,
        impact: 'runtime',
        severity: 'warning',
        title: `${where} is set up for ${picked} mode, not ${mode}`,
      },
    ]
  }

  const ignored = picked === 'secrets-only' ? setLegacy : setSecretsOnly
  const kept = picked === 'secrets-only' ? setSecretsOnly : setLegacy
  const other: Mode = picked === 'secrets-only' ? 'legacy' : 'secrets-only'
  return [
    {
      detail: `${rule}: here it will pick ${picked} mode and ignore ${ignored.join(', ')}. A reader, or the next person to deploy, cannot tell which mode was meant.${disagree}`,
      evidence: [`${where}: secrets-only variables ${setSecretsOnly.join(', ')}`, `${where}: legacy variables ${setLegacy.join(', ')}`],
      fix: `Keep one mode's variables: to run in ${picked} mode, as the app will, remove ${ignored.join(', ')} from ${where}; to run in ${other} mode instead, remove ${kept.join(', ')}. Then register a new task definition revision and update the service.`,
      impact: 'runtime',
      severity: 'warning',
      title: `${where} sets variables of both modes; the app will run in ${picked} mode`,
    },
  ]
}
