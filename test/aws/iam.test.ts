import {GetPolicyCommand, GetPolicyVersionCommand, GetRoleCommand, GetRolePolicyCommand, IAMClient, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand} from '@aws-sdk/client-iam'
import {mockClient} from 'aws-sdk-client-mock'
import {describe, expect, it} from 'vitest'

import {decodePolicyDocument, getAttachedPolicies, getInlinePolicies, getRole, roleNameFromArn} from '../../src/aws/iam.js'
import {awsError, ctxOf, region} from './helpers.js'

const doc = {Statement: [{Action: 's3:GetObject', Effect: 'Allow', Resource: 'arn:aws:s3:::b/*'}], Version: '2012-10-17'}

function setup() {
  const iam = new IAMClient(region)
  return {ctx: ctxOf({iam}), mock: mockClient(iam)}
}

describe('iam adapter', () => {
  it.each([
    ['arn:aws:iam::123456789012:role/plain', 'plain'],
    ['arn:aws:iam::123456789012:role/service-role/with-path', 'with-path'],
  ])('names role %s %s', (arn, name) => expect(roleNameFromArn(arn)).toBe(name))

  it.each([
    [encodeURIComponent(JSON.stringify(doc)), doc],
    [JSON.stringify(doc), doc],
    ['%7B%22not%22%3A1%7D', undefined],
    [undefined, undefined],
  ])('decodes the policy document %#', (text, expected) => expect(decodePolicyDocument(text)).toEqual(expected))

  it('gets a role, undefined when IAM has no such entity', async () => {
    const {ctx, mock} = setup()
    mock.on(GetRoleCommand, {RoleName: 'r'}).resolves({Role: {Arn: 'a', CreateDate: new Date(), Path: '/', RoleId: 'i', RoleName: 'r'}})
    mock.on(GetRoleCommand, {RoleName: 'gone'}).rejects(awsError('NoSuchEntityException', 'The role with name gone cannot be found.'))
    expect((await getRole(ctx, 'r'))?.RoleName).toBe('r')
    expect(await getRole(ctx, 'gone')).toBeUndefined()
  })

  it('pages inline policy names by Marker and reads each, URL-decoded', async () => {
    const {ctx, mock} = setup()
    mock.on(ListRolePoliciesCommand).resolvesOnce({IsTruncated: true, Marker: 'm1', PolicyNames: ['a']}).resolvesOnce({IsTruncated: false, PolicyNames: ['b']})
    mock.on(GetRolePolicyCommand).callsFake((input: {PolicyName: string}) => ({PolicyDocument: encodeURIComponent(JSON.stringify(doc)), PolicyName: input.PolicyName, RoleName: 'r'}))
    expect(await getInlinePolicies(ctx, 'r')).toEqual([{document: doc, name: 'a'}, {document: doc, name: 'b'}])
    expect(mock.commandCalls(ListRolePoliciesCommand)[1]?.args[0].input).toEqual({Marker: 'm1', RoleName: 'r'})
  })

  it('reads attached managed policies at their default version', async () => {
    const {ctx, mock} = setup()
    mock.on(ListAttachedRolePoliciesCommand).resolves({AttachedPolicies: [{PolicyArn: 'arn:aws:iam::aws:policy/P', PolicyName: 'P'}], IsTruncated: false})
    mock.on(GetPolicyCommand).resolves({Policy: {Arn: 'arn:aws:iam::aws:policy/P', DefaultVersionId: 'v7', PolicyName: 'P'}})
    mock.on(GetPolicyVersionCommand, {PolicyArn: 'arn:aws:iam::aws:policy/P', VersionId: 'v7'}).resolves({PolicyVersion: {Document: encodeURIComponent(JSON.stringify(doc)), IsDefaultVersion: true, VersionId: 'v7'}})
    expect(await getAttachedPolicies(ctx, 'r')).toEqual([{arn: 'arn:aws:iam::aws:policy/P', document: doc, name: 'P'}])
  })
})
