import {relative, resolve, sep} from 'node:path'

import type {Finding} from '../../checks/types.js'
import {readTextInput} from '../../facts/read-input.js'
import type {Profile} from '../../profile/types.js'
import type {DoctorReport} from '../model.js'
import {lineInTaskDefinition, names} from './task-definition.js'
import {lineInTemplate} from './template.js'
import {child, entry, parseSourceTree, type SourceNode} from './tree.js'

// A finding judged from a file the user named gets that file and the line of what it is about, so
// a CI annotation lands on the pull request's diff (docs/ci.md). Which file: the first the
// finding's check read its facts from, the task definition or template before the secret.

export type InputKind = 'task-definition' | 'template' | 'secret'

export interface LocatedInput {
  kind: InputKind
  file: string
  /** how the input's fact source describes itself, as check results name their sources */
  describe: string
}

const ORDER: InputKind[] = ['task-definition', 'template', 'secret']

/** In the secret: the key the subject names, else the first of its keys the title names (a key's name, never its value). */
function lineInSecret(tree: SourceNode | undefined, finding: Finding): number | undefined {
  const named = finding.subject?.startsWith('secret-key:') ? finding.subject.slice('secret-key:'.length) : undefined
  if (named !== undefined && entry(tree, named)) return entry(tree, named)!.keyLine
  const inTitle = [...(tree?.entries ?? [])].find(([key]) => names(finding.title, key))
  return inTitle?.[1].keyLine ?? tree?.line
}

function lineIn(kind: InputKind, tree: SourceNode | undefined, finding: Finding, profile: Profile): number | undefined {
  switch (kind) {
    case 'secret': return lineInSecret(tree, finding)
    case 'task-definition': return lineInTaskDefinition(child(tree, 'taskDefinition') ?? tree, finding, profile)
    case 'template': return lineInTemplate(tree, finding, profile)
  }
}

/** The path as GitHub names files: relative to the working directory (the workspace), with `/`. */
export function workspacePath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, resolve(cwd, file))
  return (rel.startsWith('..') ? resolve(cwd, file) : rel).split(sep).join('/')
}

export async function locateFindings(report: DoctorReport, inputs: LocatedInput[], profile: Profile): Promise<void> {
  if (inputs.length === 0) return
  const trees = new Map<LocatedInput, SourceNode | undefined>()
  for (const input of inputs) trees.set(input, parseSourceTree(await readTextInput(input.file, `${input.kind.replace('-', ' ')} file`)))
  const sorted = [...inputs].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind))
  const read = (source: string, input: LocatedInput) => source === input.describe || source.startsWith(`${input.describe}:`) || source.startsWith(`${input.describe} (`)
  for (const finding of report.findings) {
    const sources = report.checks.find((c) => c.id === finding.check)?.sources ?? []
    const input = sorted.find((i) => sources.some((s) => read(s, i)))
    if (!input) continue
    const line = lineIn(input.kind, trees.get(input), finding, profile)
    finding.location = {file: workspacePath(input.file), ...(line === undefined ? {} : {line})} satisfies Finding['location']
  }
}
