// A template knows some values only at deploy time (a parameter without a default, the account,
// a resource's generated name). Such a value is written as a token, `{{Ref:Name}}` or
// `{{GetAtt:Res.Attr}}`, embedded in the string where it stands, so the rest of the string still
// reads and two references to the same unknown compare equal.

const TOKEN = /\{\{([A-Za-z]+):([^}]+)\}\}/g
// a separate non-global copy for test(): a global regex keeps lastIndex between calls
const HAS_TOKEN = new RegExp(TOKEN.source)

export function deployTimeToken(kind: string, name: string): string {
  return `{{${kind}:${name}}}`
}

export function hasDeployTimeValue(value: string): boolean {
  return HAS_TOKEN.test(value)
}

/** "Ref QuiltStackARN", "GetAtt Role.Arn": the expressions a value waits on, for messages. */
export function deployTimeParts(value: string): string[] {
  return [...value.matchAll(TOKEN)].map((m) => `${m[1]} ${m[2]}`)
}

/** The tokens a value holds, each as written: `{{Ref:X}}`. */
export function deployTimeTokens(value: string): string[] {
  return [...value.matchAll(TOKEN)].map((m) => m[0])
}

/** True when the whole value is one token (nothing of it is known before deploy). */
export function isWholeDeployTimeValue(value: string): boolean {
  const tokens = deployTimeTokens(value)
  return tokens.length === 1 && tokens[0] === value
}

const PSEUDO_WORDS: Record<string, string> = {
  'AWS::AccountId': "the stack's account",
  'AWS::Partition': "the stack's partition",
  'AWS::Region': "the stack's region",
  'AWS::StackId': "the stack's id",
  'AWS::StackName': "the stack's name",
  'AWS::URLSuffix': "the stack's domain suffix",
}

/**
 * A value for people: each token in words, in angle brackets (`<the stack's account>`,
 * `<parameter ImageTag>`, `<BenchlingQueue.Arn>`), so no message shows `{{Ref:...}}`.
 */
export function describeDeployTime(text: string): string {
  return text.replace(TOKEN, (_, kind: string, name: string) => {
    if (kind === 'Ref') return `<${PSEUDO_WORDS[name] ?? name}>`
    if (kind === 'GetAtt') return `<${name}>`
    return `<${kind} ${name}>`
  })
}

/** A value as a template writes it in Fn::Sub: `${AWS::Region}`, `${Role.Arn}`; undefined if it cannot be. */
export function asSubString(text: string): string | undefined {
  let ok = true
  const out = text.replace(TOKEN, (_, kind: string, name: string) => {
    if (kind === 'Ref' || kind === 'GetAtt') return `\${${name}}`
    ok = false
    return ''
  })
  return ok ? out : undefined
}
