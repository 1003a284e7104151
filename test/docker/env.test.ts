import {describe, expect, it} from 'vitest'

import {mergeEnv, parseEnvFile, parseEnvFlag} from '../../src/docker/env.js'

describe('parseEnvFlag', () => {
  const lookup = (n: string) => (n === 'FROM_SHELL' ? 'shell-value' : undefined)
  it.each([
    ['A=1', {name: 'A', value: '1'}],
    ['A=', {name: 'A', value: ''}],
    ['URL=https://x.example/?a=b', {name: 'URL', value: 'https://x.example/?a=b'}],
    ['FROM_SHELL', {name: 'FROM_SHELL', value: 'shell-value'}],
  ])('%s', (flag, env) => {
    expect(parseEnvFlag(flag, lookup)).toEqual(env)
  })

  it.each([
    ['=1', '--env "" is not a variable name.'],
    ['1A=x', '--env "1A" is not a variable name.'],
    ['UNSET_HERE', '--env UNSET_HERE passes UNSET_HERE through from this shell, but it is not set here.'],
  ])('refuses %s', (flag, message) => {
    expect(() => parseEnvFlag(flag, lookup)).toThrow(message)
  })
})

describe('parseEnvFile', () => {
  it('reads NAME=value lines, skipping comments and blanks, removing export and one pair of quotes', () => {
    const text = ['# comment', '', 'A=1', 'export B="two words"', "C='x=y'", 'D=', 'E="unbalanced', '  F = spaced  '].join('\n')
    expect(parseEnvFile(text, '.env')).toEqual([
      {name: 'A', value: '1'},
      {name: 'B', value: 'two words'},
      {name: 'C', value: 'x=y'},
      {name: 'D', value: ''},
      {name: 'E', value: '"unbalanced'},
      {name: 'F', value: 'spaced'},
    ])
  })

  it('names the line that is not NAME=value', () => {
    expect(() => parseEnvFile('A=1\r\nnot a pair\n', 'my.env')).toThrow('Line 2 of the env file "my.env" is not NAME=value.')
  })
})

describe('mergeEnv', () => {
  it('lets later lists win and keeps first-seen order', () => {
    expect(mergeEnv([{name: 'A', value: 'td'}, {name: 'B', value: 'td'}], [{name: 'B', value: 'file'}], [{name: 'A', value: 'flag'}, {name: 'C', value: 'flag'}])).toEqual([
      {name: 'A', value: 'flag'},
      {name: 'B', value: 'file'},
      {name: 'C', value: 'flag'},
    ])
  })
})
