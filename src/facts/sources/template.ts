import type {Profile} from '../../profile/types.js'
import {extractDeployment} from '../cfn/extract-deployment.js'
import {extractLogGroup} from '../cfn/extract-log-group.js'
import {extractTemplateSecrets} from '../cfn/extract-secrets.js'
import {extractRoles} from '../cfn/extract-roles.js'
import {chooseService, extractService} from '../cfn/extract-service.js'
import {chooseTargetGroup, extractTargetGroup} from '../cfn/extract-target-group.js'
import {chooseTaskDefinition, extractTaskDefinition} from '../cfn/extract-task-definition.js'
import {Resolver} from '../cfn/resolve.js'
import {parseTemplate} from '../cfn/template.js'
import {Facts, type FactSource, known, unknown} from '../facts.js'
import {hasDeployTimeValue} from '../deploy-time.js'
import {readStructured} from '../read-input.js'

// A CloudFormation template (JSON or YAML; `cdk synth` output, or the template `bwops deploy`
// generates) as a fact source: the task definition, its roles, log group, target group and
// service, with intrinsics resolved as far as they can be before deploy (docs/template-source.md).

export interface TemplateSourceOptions {
  /** parameter values that override the template's defaults, as a deploy would pass them */
  parameters?: Record<string, string>
}

/** Pure: reads an already parsed template. Throws a UserError when it is not a template at all. */
export function templateFactSource(template: unknown, describe: string, profile: Profile, options: TemplateSourceOptions = {}): FactSource {
  const parsed = parseTemplate(template, `The ${describe}`)
  const r = new Resolver(parsed, {parameters: options.parameters})
  const choice = chooseTaskDefinition(r, profile)
  const td = 'resource' in choice ? choice.resource : undefined
  const tdMissing = 'reason' in choice ? choice.reason : ''
  const service = chooseService(r, td, profile)
  const from = (what: string) => `${describe}: ${what}`
  return {
    describe: 'note' in choice && choice.note ? `${describe} (${choice.note})` : describe,
    loaders: {
      async declaredVersion() {
        // what upstream's stacks record of their release (docs/releases.md)
        const output = r.str(r.template.outputs.StackVersion)
        if (output && !hasDeployTimeValue(output)) return known({value: output, where: 'StackVersion output'}, from('Outputs.StackVersion'))
        const tag = 'ImageTag' in r.template.parameters ? r.str({Ref: 'ImageTag'}) : undefined
        if (tag && !hasDeployTimeValue(tag)) return known({value: tag, where: 'ImageTag parameter'}, from('Parameters.ImageTag'))
        return unknown(`${describe} records no release (no StackVersion output or ImageTag parameter with a value)`)
      },
      async templateSecrets() {
        return known(extractTemplateSecrets(r), from('AWS::SecretsManager::Secret resources'))
      },
      async deployment() {
        const context = extractDeployment(r, td, profile)
        return context ? known(context, from('fixed by the template')) : unknown(`${describe} does not fix the region or account: they are known only at deploy time`)
      },
      async logGroup() {
        const result = extractLogGroup(r, td, profile)
        return 'reason' in result ? unknown(`${describe}: ${result.reason}`) : known(result.value, from(result.note))
      },
      async roles() {
        if (!td) return unknown(`${describe}: ${tdMissing}, so the task and execution roles cannot be told apart`)
        const result = extractRoles(r, td)
        return 'reason' in result ? unknown(`${describe}: ${result.reason}`) : known(result.value, from(`roles of ${td.id}`))
      },
      async service() {
        return service ? known(extractService(r, service), from(`service ${service.id}`)) : unknown(`${describe}: no AWS::ECS::Service in the template`)
      },
      async targetGroup() {
        const group = chooseTargetGroup(r, service, profile)
        return group ? known(extractTargetGroup(r, group), from(`target group ${group.id}`)) : unknown(`${describe}: no AWS::ElasticLoadBalancingV2::TargetGroup in the template`)
      },
      async taskDefinition() {
        if (!td) return unknown(`${describe}: ${tdMissing}`)
        return known(extractTaskDefinition(r, td, `The ${describe}`), from(`task definition ${td.id}`))
      },
    },
  }
}

/** --template FILE: read and checked eagerly, so a malformed file is a usage error before any check runs. */
export async function templateFileSource(file: string, profile: Profile, options: TemplateSourceOptions = {}): Promise<FactSource> {
  const template = await readStructured(file, 'template', true)
  const source = templateFactSource(template, `template ${file}`, profile, options)
  // the task definition is what a template is given for: one that cannot be read (no containers,
  // an environment that is not a list) is a usage error now, not a skip reason on every check
  await source.loaders.taskDefinition?.(new Facts([]))
  return source
}
