import {readFile} from 'node:fs/promises'
import {validateXML} from 'xmllint-wasm'

import {fixture} from '../helpers.js'

/**
 * Validates JUnit XML against the schema Jenkins reads (test/fixtures/junit/junit-10.xsd) with
 * libxml2's xmllint (compiled to WebAssembly): the errors it names, none when the XML is valid.
 */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const schema = await readFile(fixture('junit/junit-10.xsd'), 'utf8')
  const result = await validateXML({schema: {contents: schema, fileName: 'junit-10.xsd'}, xml: {contents: xml, fileName: 'report.xml'}})
  return result.valid ? [] : result.errors.map((e) => e.rawMessage)
}
