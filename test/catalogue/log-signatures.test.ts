import {describe, expect, it} from 'vitest'

import {classifyLogLines as classifyWith, signaturesFor} from '../../src/catalogue/log-signatures.js'
import {benchlingWebhookProfile} from '../../src/profile/benchling-webhook.js'

const logSignatures = signaturesFor(benchlingWebhookProfile.logSignatures)
const classifyLogLines = (lines: string[]) => classifyWith(lines, logSignatures)

const SECRET = 'xK9-very-secret-Value'

type Row = [string, string[], {id: string; line?: RegExp; title?: RegExp; fix?: RegExp}]

const rows: Row[] = [
  ['missing configuration', ['INFO starting', 'ERROR Missing required configuration: BENCHLING_TENANT, QUEUE_ARN'], {id: 'webhook-missing-configuration', title: /BENCHLING_TENANT, QUEUE_ARN/}],
  ['missing parameters', ['Missing required parameters: QuiltStackARN, BenchlingSecret'], {id: 'webhook-missing-parameters', title: /QuiltStackARN, BenchlingSecret/}],
  ['secret not found inside the wrapper', ['ERROR Failed to initialize application: Failed to resolve configuration from AWS: Secret not found: bench-secret'], {id: 'webhook-secret-not-found', title: /bench-secret/}],
  ['access denied to secret', ['Failed to resolve configuration from AWS: Access denied to secret: bench-secret'], {id: 'webhook-secret-access-denied'}],
  ['invalid stack ARN', ['Failed to resolve configuration from AWS: Invalid CloudFormation stack ARN format: quilt-prod'], {id: 'webhook-invalid-stack-arn'}],
  ['stack not found', ['Stack not found: arn:aws:cloudformation:us-east-1:1:stack/quilt/abc'], {id: 'webhook-stack-not-found', title: /stack\/quilt\/abc/}],
  ['missing outputs', ['Missing required CloudFormation outputs: PackagerQueueArn'], {id: 'webhook-missing-stack-outputs', title: /PackagerQueueArn/}],
  ['invalid JSON', ['Secret contains invalid JSON'], {id: 'webhook-secret-invalid-json'}],
  ['invalid structure', ['Invalid secret structure: missing required fields: tenant'], {id: 'webhook-invalid-secret-structure'}],
  ['no benchling secrets', ['Failed to resolve Benchling secrets: No Benchling secrets found. Set BENCHLING_SECRETS'], {id: 'webhook-no-benchling-secrets'}],
  ['wrapper alone', ['Failed to resolve configuration from AWS: something odd'], {id: 'webhook-config-resolution-failed'}],
  ['init failed alone', ['Failed to initialize application: boom'], {id: 'webhook-init-failed'}],
  [
    'AccessDenied names action and resource',
    ['botocore.exceptions.ClientError: An error occurred (AccessDeniedException) when calling the DescribeStacks operation: User: arn:aws:sts::123456789012:assumed-role/BenchlingTaskRole/abc is not authorized to perform: cloudformation:DescribeStacks on resource: arn:aws:cloudformation:us-east-1:123456789012:stack/quilt/x because no identity-based policy allows the cloudformation:DescribeStacks action'],
    {fix: /BenchlingTaskRole cloudformation:DescribeStacks on arn:aws:cloudformation:us-east-1:123456789012:stack\/quilt\/x/, id: 'aws-access-denied', title: /cloudformation:DescribeStacks on arn:aws:cloudformation/},
  ],
  ['S3 AccessDenied without action', ['An error occurred (AccessDenied) when calling the PutObject operation: Access Denied'], {id: 'aws-access-denied'}],
  ['no credentials', ['botocore.exceptions.NoCredentialsError: Unable to locate credentials'], {id: 'aws-no-credentials'}],
  ['signature expired', ['An error occurred (InvalidSignatureException) when calling the GetSecretValue operation: Signature expired: 20240101T000000Z is now earlier than 20240101T000500Z'], {id: 'aws-signature-expired'}],
  ['address in use', ["[ERROR] Connection in use: ('0.0.0.0', 5000)"], {id: 'address-in-use', title: /5000/}],
  ['errno 98', ['OSError: [Errno 98] Address already in use'], {id: 'address-in-use'}],
  ['gunicorn worker boot', ['[2025-11-03 10:00:00 +0000] [1] [INFO] Reason: Worker failed to boot.'], {id: 'gunicorn-worker-boot'}],
  ['uvicorn ASGI', ['ERROR:    Error loading ASGI app. Could not import module "src.app".'], {id: 'uvicorn-asgi-load', title: /ASGI/}],
  ["module not found", ["ModuleNotFoundError: No module named 'benchling_sdk'"], {id: 'python-import-error', title: /benchling_sdk/}],
  ['endpoint unreachable', ['botocore.exceptions.ConnectTimeoutError: Connect timeout on endpoint URL: "https://secretsmanager.us-east-1.amazonaws.com/"'], {id: 'aws-endpoint-unreachable'}],
  ['exec format', ['exec /usr/local/bin/python: exec format error'], {id: 'exec-format-error'}],
]

describe('classifyLogLines', () => {
  it.each(rows)('%s', (_name, lines, want) => {
    const matches = classifyLogLines(lines)
    expect(matches.map((m) => m.id)).toEqual([want.id])
    const [m] = matches
    if (want.title) expect(m?.title).toMatch(want.title)
    if (want.fix) expect(m?.fix).toMatch(want.fix)
    expect(m?.title).not.toMatch(/<\w+>/)
    expect(m?.index).toBe(lines.length - 1)
  })

  it('shows a traceback by its exception line, with its last frames', () => {
    const lines = [
      'INFO booting',
      'Traceback (most recent call last):',
      '  File "/app/src/app.py", line 12, in <module>',
      '    config = load()',
      '  File "/app/src/config.py", line 40, in load',
      "    tenant = os.environ['BENCHLING_TENANT']",
      "KeyError: 'BENCHLING_TENANT'",
      'INFO shutting down',
    ]
    const [m, ...rest] = classifyLogLines(lines)
    expect(rest).toEqual([])
    expect(m).toMatchObject({id: 'python-traceback', index: 6, line: "KeyError: 'BENCHLING_TENANT'", title: "Python exception: KeyError: 'BENCHLING_TENANT'"})
    expect(m?.context.at(-1)).toBe("KeyError: 'BENCHLING_TENANT'")
    expect(m?.context).toHaveLength(5)
    expect(m?.context[2]).toContain('config.py", line 40')
  })

  it('keeps the specific signature of a traceback\'s exception line', () => {
    const lines = ['Traceback (most recent call last):', '  File "x.py", line 1, in f', 'botocore.exceptions.NoCredentialsError: Unable to locate credentials']
    expect(classifyLogLines(lines).map((m) => m.id)).toEqual(['aws-no-credentials'])
  })

  it('reads a traceback logged as one multi-line message', () => {
    const lines = ['start', 'Traceback (most recent call last):\n  File "a.py", line 3, in <module>\n    main()\nValueError: bad port']
    const [m] = classifyLogLines(lines)
    expect(m).toMatchObject({id: 'python-traceback', index: 1, line: 'ValueError: bad port'})
  })

  it('finds nothing in an ordinary log', () => {
    expect(classifyLogLines(['INFO:     Uvicorn running on http://0.0.0.0:8080', 'GET /health 200', 'Listening at: http://0.0.0.0:5000 (1)'])).toEqual([])
  })

  it('redacts the matched line and its context', () => {
    const lines = [`config {'client_secret': '${SECRET}', 'tenant': 'x'}`, 'Missing required configuration: BENCHLING_APP_DEFINITION_ID', `token=${SECRET}`]
    const text = JSON.stringify(classifyLogLines(lines))
    expect(text).toContain('BENCHLING_APP_DEFINITION_ID')
    expect(text).not.toContain(SECRET)
  })

  it('has unique signature ids, each with a cause and a fix', () => {
    const ids = logSignatures.map((s) => s.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const s of logSignatures) expect(s.fix.length).toBeGreaterThan(10)
  })
})

describe('traceback source lines', () => {
  it('are not taken for the error they quote', async () => {
    const lines = [
      'Traceback (most recent call last):',
      '  File "/app/src/config.py", line 42, in load',
      '    raise ValueError(f"Missing required configuration: {\', \'.join(missing)}")',
      'ValueError: Missing required configuration: BENCHLING_TENANT',
    ]
    const matches = classifyLogLines(lines)
    expect(matches.map((m) => m.index)).toEqual([3])
    expect(matches[0]!.line).toContain('BENCHLING_TENANT')
  })
})
