import {yamlLib} from '../../facts/yaml-lib.js'

// The input files as a tree that knows each node's line, for annotations that land on the line of
// the container or resource a finding is about. JSON is YAML, so one parser reads both; it is
// loaded only when a report asks for locations (a cold start of the common text run skips it).

export interface SourceNode {
  /** 1-based line where the node starts */
  line: number
  /** a mapping's entries, by key as written */
  entries?: Map<string, {keyLine: number; value: SourceNode}>
  items?: SourceNode[]
  /** a scalar's text */
  text?: string
}

export function parseSourceTree(text: string): SourceNode | undefined {
  const yaml = yamlLib()
  const lines = new yaml.LineCounter()
  // silent and lenient: the file was already read and judged by its source; unknown tags
  // (CloudFormation's !Ref) and duplicate keys still give a tree
  const doc = yaml.parseDocument(text, {lineCounter: lines, logLevel: 'silent', strict: false, uniqueKeys: false})
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : lines.linePos(offset).line)
  const build = (node: unknown): SourceNode => {
    const line = lineOf((node as {range?: [number]} | null)?.range?.[0])
    if (yaml.isMap(node)) {
      const entries = new Map<string, {keyLine: number; value: SourceNode}>()
      for (const pair of node.items) {
        if (!yaml.isScalar(pair.key)) continue
        const keyLine = lineOf(pair.key.range?.[0])
        entries.set(String(pair.key.value), {keyLine, value: pair.value ? build(pair.value) : {line: keyLine}})
      }
      return {entries, line}
    }
    if (yaml.isSeq(node)) return {items: node.items.map((item) => build(item)), line}
    if (yaml.isScalar(node)) return {line, text: String(node.value)}
    return {line}
  }
  return doc.contents ? build(doc.contents) : undefined
}

/** An entry by its API name (camelCase) or as CloudFormation writes it (PascalCase). */
export function entry(node: SourceNode | undefined, key: string): {keyLine: number; value: SourceNode} | undefined {
  if (!node?.entries) return undefined
  return node.entries.get(key) ?? node.entries.get(key[0]!.toUpperCase() + key.slice(1))
}

export function child(node: SourceNode | undefined, key: string): SourceNode | undefined {
  return entry(node, key)?.value
}

export function textOf(node: SourceNode | undefined, key: string): string | undefined {
  return child(node, key)?.text
}
