import {hasDeployTimeValue} from '../../facts/deploy-time.js'
import {failureOf, type FactSource, known, unknown} from '../../facts/facts.js'
import type {Profile} from '../../profile/types.js'
import {contractFromFacts} from '../../facts/sources/release.js'
import {type IamAnswers, localAnswers, type MethodUsed} from './answers.js'
import {evaluateIam} from './evaluate.js'
import {AWS_SIMULATE} from './types.js'

/** How the evaluation was made, for the fact's source: nothing to add for the plain local default. */
function methodWords({method, note}: MethodUsed): string {
  if (method === AWS_SIMULATE) return ` by AWS (iam:SimulatePrincipalPolicy; trust policies locally)${note ? `; ${note}` : ''}`
  return note ? ` (local, bwops evaluator: ${note})` : ''
}

/**
 * The `iamEvaluation` fact: the profile's permission needs simulated against the roles fact. It
 * reads other facts, so it can sit anywhere in the source list; it gives no other fact. `answers`
 * says who answers the roles' questions: the local simulator unless a live run passes AWS's.
 */
export function iamEvaluationSource(profile: Profile, answers: IamAnswers = localAnswers): FactSource {
  const describe = 'IAM policy simulation'
  return {
    describe,
    loaders: {
      async iamEvaluation(facts) {
        const early = facts.get('taskDefinition')
        // a live run learns whether AWS may simulate while the roles' policies are still being read
        if (answers.probe) {
          void early.then((td) => {
            const principal = td.ok ? (td.value.taskRoleArn ?? td.value.executionRoleArn) : undefined
            if (principal && !hasDeployTimeValue(principal)) answers.probe?.(principal)
          })
        }

        const [roles, taskDefinition, mode, deployment, benchlingSecret, quiltStack] = await Promise.all([
          facts.get('roles'),
          early,
          facts.get('mode'),
          facts.get('deployment'),
          facts.get('benchlingSecret'),
          facts.get('quiltStack'),
        ])
        if (!roles.ok) return unknown(`roles: ${roles.reason}`, failureOf(roles))
        if (!taskDefinition.ok) return unknown(`taskDefinition: ${taskDefinition.reason}`, failureOf(taskDefinition))
        if (!mode.ok) return unknown(`mode: ${mode.reason}`, failureOf(mode))
        const input = {
          mode: mode.value.value,
          profile: await contractFromFacts(facts, profile),
          roles: roles.value,
          taskDefinition: taskDefinition.value,
          ...(deployment.ok ? {deployment: deployment.value} : {}),
          ...(benchlingSecret.ok ? {benchlingSecret: benchlingSecret.value} : {}),
          // the resources secrets-only mode reads from the Quilt stack's outputs
          ...(quiltStack.ok ? {quiltStack: quiltStack.value} : {}),
        }
        const evaluation = await evaluateIam(input, answers)
        const words = methodWords({method: evaluation.method, ...(evaluation.methodNote ? {note: evaluation.methodNote} : {})})
        return known(evaluation, `${describe}${words} of ${roles.source}`)
      },
    },
  }
}
