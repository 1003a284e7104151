import {describe, expect, it} from 'vitest'

import {choosePort, listeningPorts, parsePort, tcpPorts, type PortInputs} from '../../src/docker/port.js'

const base: PortInputs = {exposed: [], profileDefault: 5000}

describe('choosePort', () => {
  it.each<[string, Partial<PortInputs>, number, string]>([
    ['--port wins over everything', {envPort: '7000', exposed: [5000], flag: 9000, taskDefinitionPort: 8000}, 9000, '--port'],
    ['then the task definition', {envPort: '7000', exposed: [5000], taskDefinitionPort: 8000}, 8000, 'the task definition\'s containerPort'],
    ['then PORT', {envPort: '7000', exposed: [5000]}, 7000, 'the PORT variable'],
    ['a PORT that is not a port is ignored', {envPort: 'eighty', exposed: [5000]}, 5000, 'the image\'s EXPOSE'],
    ['then EXPOSE', {exposed: [8080]}, 8080, 'the image\'s EXPOSE'],
    ['the profile port among several exposed', {exposed: [443, 5000, 9000]}, 5000, 'the image\'s EXPOSE'],
    ['else the lowest exposed', {exposed: [9000, 8080]}, 8080, 'the image\'s EXPOSE'],
    ['else the profile default', {}, 5000, 'the profile\'s default port'],
  ])('%s', (_, inputs, port, source) => {
    expect(choosePort({...base, ...inputs})).toEqual({port, source})
  })
})

describe('port parsing', () => {
  it.each([['5000', 5000], [' 80 ', 80], ['0', undefined], ['65536', undefined], ['5000/tcp', undefined], ['', undefined]])('parsePort(%j)', (text, port) => {
    expect(parsePort(text)).toBe(port)
  })

  it('keeps only TCP ports of an image config, sorted', () => {
    expect(tcpPorts({'5000/tcp': {}, '53/udp': {}, '8080/tcp': {}, '443': {}})).toEqual([443, 5000, 8080])
    expect(tcpPorts(undefined)).toEqual([])
  })

  it('reads listening sockets from /proc/net/tcp and tcp6, ignoring connections', () => {
    const proc = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 1 1',
      '   1: 0100007F:1388 0100007F:A0B2 01 00000000:00000000 00:00000000 00000000  1000        0 2 1',
      '  sl  local_address                         remote_address                        st',
      '   0: 00000000000000000000000000000000:1388 00000000000000000000000000000000:0000 0A 00000000:00000000',
    ].join('\n')
    expect(listeningPorts(proc)).toEqual([5000, 8080])
    expect(listeningPorts('')).toEqual([])
  })
})
