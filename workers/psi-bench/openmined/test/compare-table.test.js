'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const { renderTable } = require('../compare-table')

const timing = (implementation, operation, size, median) => ({
  implementation, operation, size, runs: 3,
  medianMicrosPerElement: median,
  minMicrosPerElement: median * 0.9,
  maxMicrosPerElement: median * 1.2,
  meanCpuMicrosPerElement: median / 2
})

test('one row per case with the ratios of the wall and CPU medians, then the setup sizes', () => {
  const psiJs = [timing('psi.js', 'setup', 10000, 800), timing('psi.js', 'process', 32, 700),
    { implementation: 'psi.js', operation: 'setup-message', size: 10000, bytes: 50000 }]
  const ours = [timing('trust-fabric', 'setup', 10000, 200), timing('trust-fabric', 'process', 32, 140),
    { implementation: 'trust-fabric', operation: 'setup-message', size: 10000, bytes: 40000 }]

  const lines = renderTable(psiJs, ours).split('\n')

  assert.equal(lines.length, 5)
  assert.equal(lines[2], '| setup, per server item | 10,000 | 800 (720–960) | 200 (180–240) | 4.00× | 400 | 100 | 4.00× |')
  assert.equal(lines[3], '| ProcessRequest, per client element | 32 | 700 (630–840) | 140 (126–168) | 5.00× | 350 | 70.0 | 5.00× |')
  assert.equal(lines[4], '| setup message size, bytes | 10,000 | 50,000 | 40,000 | 1.25× | | | |')
})

test('a case missing on our side is an error, not a blank cell', () => {
  assert.throws(() => renderTable([timing('psi.js', 'request', 32, 800)], []), /no result for request of 32/)
})
