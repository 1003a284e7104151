import {describe, expect, test} from 'vitest'

import {commandWithPort, parseHealthCommand, redactCommand, resolvePort} from '../../../src/checks/lib/health-command.js'

describe('parseHealthCommand', () => {
  test.each([
    {
      command: ['CMD-SHELL', 'curl -f http://localhost:5000/health || exit 1'],
      expected: {form: 'CMD-SHELL', host: 'localhost', path: '/health', port: {implicit: false, kind: 'number', port: 5000}, scheme: 'http', shell: true, tools: ['curl']},
      name: 'curl in CMD-SHELL',
    },
    {
      command: ['CMD', 'curl', '-f', 'http://127.0.0.1:8080/health/ready'],
      expected: {form: 'CMD', host: '127.0.0.1', path: '/health/ready', port: {implicit: false, kind: 'number', port: 8080}, shell: false, tools: ['curl']},
      name: 'curl as CMD argv',
    },
    {
      command: ['CMD-SHELL', 'wget -q -O /dev/null http://localhost/health'],
      expected: {path: '/health', port: {implicit: true, kind: 'number', port: 80}, tools: ['wget']},
      name: 'wget without a port: the scheme default',
    },
    {
      command: ['CMD-SHELL', 'wget --spider -q https://localhost/health'],
      expected: {port: {implicit: true, kind: 'number', port: 443}, scheme: 'https'},
      name: 'https default port',
    },
    {
      command: ['CMD-SHELL', `python -c "import urllib.request; urllib.request.urlopen('http://localhost:5000/health', timeout=4)"`],
      expected: {host: 'localhost', path: '/health', port: {implicit: false, kind: 'number', port: 5000}, tools: ['python']},
      name: 'python urllib',
    },
    {
      command: ['CMD', 'python3', '-c', "import socket; socket.create_connection(('localhost', 5000))"],
      expected: {host: 'localhost', path: undefined, port: {implicit: false, kind: 'number', port: 5000}, scheme: 'tcp', tools: ['python']},
      name: 'python socket',
    },
    {
      command: ['CMD-SHELL', 'nc -z -w 2 localhost 5000 || exit 1'],
      expected: {host: 'localhost', path: undefined, port: {implicit: false, kind: 'number', port: 5000}, scheme: 'tcp', tools: ['nc']},
      name: 'nc -z with a timeout flag',
    },
    {
      command: ['CMD-SHELL', 'curl -fsS http://localhost:${PORT:-5000}/health || exit 1'],
      expected: {path: '/health', port: {fallback: 5000, kind: 'variable', name: 'PORT'}},
      name: 'a port variable with a default',
    },
    {
      command: ['CMD-SHELL', 'curl -f http://localhost:$PORT/health'],
      expected: {port: {kind: 'variable', name: 'PORT'}},
      name: 'a bare port variable',
    },
    {
      command: ['CMD-SHELL', 'curl -f http://localhost:{{Ref:AppPort}}/health'],
      expected: {path: '/health', port: {kind: 'deploy-time', text: '{{Ref:AppPort}}'}},
      name: 'a deploy-time port',
    },
    {
      command: ['CMD-SHELL', 'curl -f localhost:5000/health/live || exit 1'],
      expected: {host: 'localhost', path: '/health/live', port: {implicit: false, kind: 'number', port: 5000}},
      name: 'curl with no scheme',
    },
    {
      command: ['CMD', '/bin/sh', '-c', 'curl -f http://localhost:$PORT/health'],
      expected: {form: 'CMD', shell: true},
      name: 'CMD that runs a shell expands variables',
    },
    {
      command: ['CMD-SHELL', '/usr/local/bin/healthcheck.sh'],
      expected: {port: undefined, tools: []},
      name: 'an unknown script',
    },
    {
      command: ['CMD-SHELL', 'curl -f http://ops:pw@localhost:5000/health'],
      expected: {host: 'localhost', path: '/health', port: {implicit: false, kind: 'number', port: 5000}},
      name: 'credentials before the host are skipped',
    },
    {command: ['NONE'], expected: {form: 'NONE', port: undefined}, name: 'NONE'},
  ])('$name', ({command, expected}) => {
    const probe = parseHealthCommand(command) as unknown as Record<string, unknown>
    // key by key, so an expected `undefined` means "absent" rather than "must be written out"
    for (const [key, value] of Object.entries(expected)) expect(probe[key], key).toEqual(value)
  })

  test('a URL with a query string keeps only the path', () => {
    expect(parseHealthCommand(['CMD-SHELL', 'curl -f "http://localhost:5000/health?full=1"']).path).toBe('/health')
  })
})

describe('commandWithPort', () => {
  test.each([
    {
      command: ['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1'],
      expected: ['CMD-SHELL', 'curl -f http://localhost:5000/health || exit 1'],
      name: 'rewrites the port in a shell string',
    },
    {
      command: ['CMD', 'curl', '-f', 'http://localhost/health'],
      expected: ['CMD', 'curl', '-f', 'http://localhost:5000/health'],
      name: 'inserts a port the URL left implicit, in the right argument',
    },
    {
      command: ['CMD-SHELL', 'curl -f http://ops:pw@localhost:8080/health'],
      expected: ['CMD-SHELL', 'curl -f http://ops:pw@localhost:5000/health'],
      name: 'rewrites the port after credentials',
    },
    {
      command: ['CMD-SHELL', 'nc -z localhost 8080'],
      expected: ['CMD-SHELL', 'nc -z localhost 5000'],
      name: 'rewrites an nc port',
    },
  ])('$name', ({command, expected}) => {
    expect(commandWithPort(command, parseHealthCommand(command), 5000)).toEqual(expected)
  })

  test('gives nothing for a command it could not read', () => {
    const command = ['CMD-SHELL', './check.sh']
    expect(commandWithPort(command, parseHealthCommand(command), 5000)).toBeUndefined()
  })
})

describe('resolvePort', () => {
  const env = (values: {PORT?: string}) => (name: string) => (name === 'PORT' ? values.PORT : undefined)
  test.each([
    {env: {}, expected: 5000, name: 'unset: the fallback', port: {fallback: 5000, kind: 'variable', name: 'PORT'} as const, shell: true},
    {env: {PORT: '8080'}, expected: 8080, name: 'set: its value', port: {fallback: 5000, kind: 'variable', name: 'PORT'} as const, shell: true},
    {env: {}, expected: undefined, name: 'unset, no fallback', port: {kind: 'variable', name: 'PORT'} as const, shell: true},
    {env: {PORT: '8080'}, expected: undefined, name: 'no shell: never expanded', port: {kind: 'variable', name: 'PORT'} as const, shell: false},
    {env: {}, expected: 9000, name: 'a number', port: {implicit: false, kind: 'number', port: 9000} as const, shell: false},
  ])('$name', ({env: values, expected, port, shell}) => {
    expect(resolvePort(port, shell, env(values))).toBe(expected)
  })
})

describe('redactCommand', () => {
  test.each([
    {command: ['CMD-SHELL', 'curl -f -H "X-Token: abc" http://localhost/health'], expected: ['CMD-SHELL', 'curl -f -H <hidden> http://localhost/health']},
    {command: ['CMD', 'curl', '--user', 'a:b', 'http://localhost/health'], expected: ['CMD', 'curl', '--user', '<hidden>', 'http://localhost/health']},
    {command: ['CMD-SHELL', 'wget --http-password=pw http://u:p@localhost/health'], expected: ['CMD-SHELL', 'wget --http-password=<hidden> http://<hidden>@localhost/health']},
    {command: ['CMD-SHELL', 'curl -f http://localhost:5000/health || exit 1'], expected: ['CMD-SHELL', 'curl -f http://localhost:5000/health || exit 1']},
  ])('$expected', ({command, expected}) => {
    expect(redactCommand(command)).toEqual(expected)
  })
})
