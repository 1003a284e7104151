import {credentialReason} from '../../catalogue/credentials.js'
import {deployTimeToken, hasDeployTimeValue} from '../deploy-time.js'
import {describeSecretString} from '../secret-shape.js'
import type {TemplateSecretFact} from '../types.js'
import type {Resolver} from './resolve.js'
import {isObject, resourcesOfType} from './template.js'

// The secrets a template creates (AWS::SecretsManager::Secret), by the keys they will hold: a
// literal SecretString is parsed and reduced to shapes here, at once (its values go no further);
// GenerateSecretString gives its template's keys and the generated one. A task definition that
// reads `<ref>:<json-key>::` of such a secret is checked against these keys offline.

function fromSecretString(text: string): Pick<TemplateSecretFact, 'content' | 'plaintext'> {
  const content = describeSecretString(text)
  const plaintext: TemplateSecretFact['plaintext'] = []
  if (content.kind === 'json-object') {
    const parsed = JSON.parse(text) as Record<string, unknown>
    for (const [key, value] of Object.entries(parsed)) {
      // a value the template fills from a parameter or a resource is not written in it
      if (typeof value !== 'string' || hasDeployTimeValue(value)) continue
      const reason = credentialReason(key, value, key === 'client_secret' ? {credential: true} : key === 'client_id' ? {credential: false} : undefined)
      if (reason) plaintext.push({key, reason})
    }
  }

  return {content, plaintext}
}

function fromGenerated(generate: Record<string, unknown>, r: Resolver): Pick<TemplateSecretFact, 'content' | 'plaintext'> | undefined {
  const template = r.str(generate.SecretStringTemplate)
  const key = r.str(generate.GenerateStringKey)
  if (template === undefined || key === undefined) return {content: {kind: 'not-json', reason: 'it is one generated string, not JSON'}, plaintext: []}
  const base = fromSecretString(template)
  if (base.content.kind !== 'json-object') return base
  // the generated value is a random string of the length asked for
  const length = Number(r.str(generate.PasswordLength) ?? 32)
  return {content: {...base.content, keys: {...base.content.keys, [key]: {empty: false, length, padded: false, type: 'string'}}}, plaintext: base.plaintext}
}

export function extractTemplateSecrets(r: Resolver): TemplateSecretFact[] {
  return resourcesOfType(r.template, 'AWS::SecretsManager::Secret')
    .filter((s) => r.present(s))
    .flatMap((s): TemplateSecretFact[] => {
      const p = s.properties
      const name = r.str(p.Name)
      const base = {ref: deployTimeToken('Ref', s.id), resource: s.id, ...(name && !hasDeployTimeValue(name) ? {name} : {})}
      if (p.SecretString !== undefined) {
        const text = r.str(p.SecretString)
        if (text === undefined) return []
        return [{...base, ...fromSecretString(text)}]
      }

      if (isObject(p.GenerateSecretString)) {
        const generated = fromGenerated(p.GenerateSecretString, r)
        return generated ? [{...base, ...generated}] : []
      }

      return []
    })
}
