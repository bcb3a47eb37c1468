'use strict'
// Joins the JSON lines of both benchmarks into one Markdown table.
// Usage: node compare-table.js <psi.js results> <trust-fabric results>

const fs = require('fs')

const OPERATIONS = [
  ['setup', 'setup, per server item'],
  ['request', 'client request creation, per element'],
  ['process', 'ProcessRequest, per client element']
]

function readLines (file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter(line => line.trim() !== '').map((line, i) => {
    try {
      return JSON.parse(line)
    } catch (e) {
      throw new Error(`${file}:${i + 1}: not a JSON line: ${line}`)
    }
  })
}

const byCase = results => new Map(results.map(r => [`${r.operation}/${r.size}`, r]))
const micros = value => value >= 100 ? value.toFixed(0) : value.toFixed(1)
const wall = r => `${micros(r.medianMicrosPerElement)} (${micros(r.minMicrosPerElement)}–${micros(r.maxMicrosPerElement)})`
const cpu = r => micros(r.meanCpuMicrosPerElement)
const ratio = (a, b) => `${(a / b).toFixed(2)}×`
const count = n => n.toLocaleString('en-US')

/**
 * The Markdown table: one row per case both sides measured (wall time median with min–max, process CPU time
 * mean over all runs, and psi.js ÷ Trust Fabric for each), then the setup message sizes.
 */
function renderTable (psiJs, ours) {
  const theirs = byCase(psiJs)
  const mine = byCase(ours)
  const rows = [
    '| operation | elements | psi.js wall µs/element, median (min–max) | Trust Fabric wall µs/element, median (min–max) | wall ratio | psi.js CPU µs/element, mean | Trust Fabric CPU µs/element, mean | CPU ratio |',
    '|---|---:|---:|---:|---:|---:|---:|---:|'
  ]
  for (const [operation, label] of OPERATIONS) {
    const sizes = [...theirs.values()].filter(r => r.operation === operation).map(r => r.size).sort((a, b) => a - b)
    for (const size of sizes) {
      const a = theirs.get(`${operation}/${size}`)
      const b = mine.get(`${operation}/${size}`)
      if (!b) throw new Error(`Trust Fabric has no result for ${operation} of ${size}`)
      rows.push(`| ${label} | ${count(size)} | ${wall(a)} | ${wall(b)} | ` +
        `${ratio(a.medianMicrosPerElement, b.medianMicrosPerElement)} | ${cpu(a)} | ${cpu(b)} | ` +
        `${ratio(a.meanCpuMicrosPerElement, b.meanCpuMicrosPerElement)} |`)
    }
  }
  for (const a of psiJs.filter(r => r.operation === 'setup-message')) {
    const b = mine.get(`setup-message/${a.size}`)
    if (!b) throw new Error(`Trust Fabric has no setup message size for ${a.size} items`)
    rows.push(`| setup message size, bytes | ${count(a.size)} | ${count(a.bytes)} | ${count(b.bytes)} | ` +
      `${ratio(a.bytes, b.bytes)} | | | |`)
  }
  return rows.join('\n')
}

module.exports = { renderTable, readLines }

if (require.main === module) {
  const [psiJsFile, oursFile] = process.argv.slice(2)
  if (!psiJsFile || !oursFile) {
    process.stderr.write('usage: node compare-table.js <psi.js results> <trust-fabric results>\n')
    process.exit(64)
  }
  process.stdout.write(renderTable(readLines(psiJsFile), readLines(oursFile)) + '\n')
}
