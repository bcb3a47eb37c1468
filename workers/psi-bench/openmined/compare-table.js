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
const timing = r => `${micros(r.medianMicrosPerElement)} (${micros(r.minMicrosPerElement)}–${micros(r.maxMicrosPerElement)})`
const count = n => n.toLocaleString('en-US')

/** The Markdown table: one row per case both sides measured, and the setup message sizes. */
function renderTable (psiJs, ours) {
  const theirs = byCase(psiJs)
  const mine = byCase(ours)
  const rows = [
    '| operation | elements | psi.js µs/element, median (min–max) | Trust Fabric µs/element, median (min–max) | psi.js ÷ Trust Fabric |',
    '|---|---:|---:|---:|---:|'
  ]
  for (const [operation, label] of OPERATIONS) {
    const sizes = [...theirs.values()].filter(r => r.operation === operation).map(r => r.size).sort((a, b) => a - b)
    for (const size of sizes) {
      const a = theirs.get(`${operation}/${size}`)
      const b = mine.get(`${operation}/${size}`)
      if (!b) throw new Error(`Trust Fabric has no result for ${operation} of ${size}`)
      const ratio = a.medianMicrosPerElement / b.medianMicrosPerElement
      rows.push(`| ${label} | ${count(size)} | ${timing(a)} | ${timing(b)} | ${ratio.toFixed(2)}× |`)
    }
  }
  for (const a of psiJs.filter(r => r.operation === 'setup-message')) {
    const b = mine.get(`setup-message/${a.size}`)
    if (!b) throw new Error(`Trust Fabric has no setup message size for ${a.size} items`)
    rows.push(`| setup message size, bytes | ${count(a.size)} | ${count(a.bytes)} | ${count(b.bytes)} | ${(a.bytes / b.bytes).toFixed(2)}× |`)
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
