import {CallCounter, createLimiter} from '../../src/aws/calls.js'

/** A call context around the given clients, unbounded, with a fresh counter. */
export function ctxOf<C>(clients: C) {
  return {clients, counter: new CallCounter(), limit: createLimiter(Number.POSITIVE_INFINITY), region: 'us-east-1'}
}

export const region = {credentials: {accessKeyId: 'test', secretAccessKey: 'test'}, region: 'us-east-1'}
export {awsError} from '../fixtures/aws/account.js'
