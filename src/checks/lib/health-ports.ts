import {redactText} from '../../catalogue/redact.js'
import {deployTimeParts, hasDeployTimeValue} from '../../facts/deploy-time.js'
import type {ContainerDefinition} from '../../facts/types.js'
import type {Profile} from '../../profile/types.js'
import type {FindingInput} from '../types.js'
import {envValue} from './served-container.js'

/** Where the app listens and where ECS sends its traffic, as far as the task definition tells. */
export interface AppPorts {
  /** the first portMappings entry's containerPort */
  containerPort?: number
  /** the port the app listens on: PORT when set to a number, else the profile's default */
  appPort?: number
  /** how appPort was worked out, for evidence */
  appPortWhy: string
  /** what could not be told, as info findings */
  notes: FindingInput[]
}

export function appPorts(container: ContainerDefinition, profile: Profile): AppPorts {
  const containerPort = container.portMappings.find((p) => p.containerPort !== undefined)?.containerPort
  const raw = envValue(container, 'PORT')
  if (raw === undefined && profile.ports.length > 1) {
    // the default moved from 5000 to 8080 in v0.8.9: with the release not known, neither is the port
    return {appPortWhy: `PORT is not set, and the app's default port depends on its release (${profile.ports.join(' or ')})`, containerPort, notes: []}
  }

  if (raw === undefined) {
    return {appPort: profile.names.port, appPortWhy: `PORT is not set, so the app listens on its default ${profile.names.port}`, containerPort, notes: []}
  }

  const value = raw.trim()
  if (/^\d+$/.test(value)) return {appPort: Number(value), appPortWhy: `PORT=${value}`, containerPort, notes: []}
  const deployTime = hasDeployTimeValue(value)
  const note: FindingInput = {
    detail: deployTime
      ? `PORT is set at deploy time (${deployTimeParts(value).join(', ')}), so bwops cannot compare it with containerPort and the health check's port. It does not guess.`
      : `PORT is "${redactText(value)}", which is not a port number; the app cannot listen on it, and bwops cannot compare it with containerPort and the health check's port.`,
    evidence: [`container ${container.name}: environment PORT=${redactText(value)}`],
    fix: deployTime
      ? `Check after deploying that the value given for ${deployTimeParts(value).join(', ')} equals containerPort${containerPort === undefined ? '' : ` (${containerPort})`} and the port in the healthCheck command.`
      : `Set PORT to a number, e.g. PORT=${containerPort ?? profile.names.port}, or remove it so the app uses its default ${profile.names.port}.`,
    impact: 'health',
    severity: 'info',
    title: deployTime ? 'PORT is known only at deploy time' : 'PORT is not a number',
  }
  return {appPortWhy: `PORT=${value}`, containerPort, notes: [note]}
}
