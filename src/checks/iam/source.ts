import {type FactSource, known, unknown} from '../../facts/facts.js'
import type {Profile} from '../../profile/types.js'
import {evaluateIam} from './evaluate.js'
import './types.js'

/**
 * The `iamEvaluation` fact: the profile's permission needs simulated against the roles fact. It
 * reads other facts, so it can sit anywhere in the source list; it gives no other fact.
 */
export function iamEvaluationSource(profile: Profile): FactSource {
  const describe = 'IAM policy simulation'
  return {
    describe,
    loaders: {
      async iamEvaluation(facts) {
        const [roles, taskDefinition, mode, deployment, benchlingSecret] = await Promise.all([
          facts.get('roles'),
          facts.get('taskDefinition'),
          facts.get('mode'),
          facts.get('deployment'),
          facts.get('benchlingSecret'),
        ])
        if (!roles.ok) return unknown(`roles: ${roles.reason}`)
        if (!taskDefinition.ok) return unknown(`taskDefinition: ${taskDefinition.reason}`)
        if (!mode.ok) return unknown(`mode: ${mode.reason}`)
        const evaluation = await evaluateIam({
          mode: mode.value.value,
          profile,
          roles: roles.value,
          taskDefinition: taskDefinition.value,
          ...(deployment.ok ? {deployment: deployment.value} : {}),
          ...(benchlingSecret.ok ? {benchlingSecret: benchlingSecret.value} : {}),
        })
        return known(evaluation, `${describe} of ${roles.source}`)
      },
    },
  }
}
