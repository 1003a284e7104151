import {describe, expect, it} from 'vitest'

import {compareImageWithTask, healthCommandLine, healthCommandPort} from '../../src/docker/compare.js'
import type {ImageConfig} from '../../src/docker/types.js'
import type {ContainerDefinition} from '../../src/facts/types.js'

const image: ImageConfig = {
  cmd: ['python', '-m', 'src.app'],
  exposedPorts: [5000],
  healthcheck: {test: ['CMD-SHELL', 'curl -f http://localhost:5000/health || exit 1']},
  ref: 'quiltdata/benchling:0.5.6',
  user: 'app',
}
const container: ContainerDefinition = {
  environment: [],
  healthCheck: {command: ['CMD-SHELL', 'curl -f http://localhost:5000/health || exit 1']},
  name: 'BenchlingWebhookContainer',
  portMappings: [{containerPort: 5000}],
  secrets: [],
}

describe('compareImageWithTask', () => {
  it.each<[string, Partial<ImageConfig>, Partial<ContainerDefinition>, [string, string][]]>([
    ['agreeing image and task definition', {}, {}, []],
    ['containerPort not exposed', {}, {portMappings: [{containerPort: 8080}]}, [['port', 'warning'], ['healthcheck', 'warning']]],
    ['image exposes nothing: no port claim', {exposedPorts: []}, {portMappings: [{containerPort: 8080}]}, [['healthcheck', 'warning']]],
    ['image HEALTHCHECK but none in the task definition', {}, {healthCheck: undefined}, [['healthcheck', 'info']]],
    ['the two checks ask different ports', {healthcheck: {test: ['CMD', 'curl', '-f', 'http://127.0.0.1:8080/health']}}, {}, [['healthcheck', 'info']]],
    ['the task calls curl, the image wget', {healthcheck: {test: ['CMD-SHELL', 'wget -q -O- http://localhost:5000/health']}}, {}, [['healthcheck', 'info']]],
    ['a HEALTHCHECK NONE image is no check', {healthcheck: {test: ['NONE']}}, {}, []],
    ['user set in the task definition', {}, {user: '0'}, [['user', 'info']]],
    ['user the same', {}, {user: 'app'}, []],
    ['entryPoint replaced', {}, {entryPoint: ['sh', '-c']}, [['entrypoint', 'info']]],
    ['command replaced', {}, {command: ['python', '-m', 'src.other']}, [['command', 'info']]],
    ['command the same', {}, {command: ['python', '-m', 'src.app']}, []],
  ])('%s', (_, img, td, expected) => {
    const out = compareImageWithTask({...image, ...img}, {...container, ...td})
    expect(out.map((m) => [m.what, m.severity])).toEqual(expected)
  })

  it('says what each side has', () => {
    const [m] = compareImageWithTask(image, {...container, healthCheck: undefined, portMappings: [{containerPort: 8080}]})
    expect(m).toMatchObject({image: 'EXPOSE 5000', taskDefinition: 'containerPort 8080', what: 'port'})
  })
})

describe('health commands', () => {
  it.each([
    [['CMD-SHELL', 'curl -f http://localhost:5000/health || exit 1'], 'curl -f http://localhost:5000/health || exit 1', 5000],
    [['CMD', 'wget', '-q', 'http://127.0.0.1:8080/health'], 'wget -q http://127.0.0.1:8080/health', 8080],
    [['CMD', 'python', 'check.py'], 'python check.py', undefined],
  ])('%j', (test, line, port) => {
    expect(healthCommandLine(test)).toBe(line)
    expect(healthCommandPort(line)).toBe(port)
  })
})
