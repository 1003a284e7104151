import {UserError} from '../../errors.js'
import type {Profile} from '../../profile/types.js'
import type {FactSource} from '../facts.js'

// Placeholder until the CloudFormation reader lands.
export async function templateFileSource(file: string, _profile: Profile): Promise<FactSource> {
  throw new UserError(`Reading CloudFormation templates (${file}) is not available yet.`)
}
