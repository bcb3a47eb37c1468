{{/*
The Grafana dashboard, written as YAML and rendered to JSON by grafana-dashboard.yaml.
Metric names come from files/metrics.yaml; Grafana's own {{label}} legend syntax is escaped with backticks.
*/}}
{{- define "trust-fabric.dashboard" -}}
{{- $m := include "trust-fabric.metrics" . | fromYaml }}
{{- $op := $m.operator }}
{{- $wk := $m.worker }}
{{- $pol := $m.policy }}
{{- $series := include "trust-fabric.operatorSeriesSelector" . }}
{{- $ds := dict "type" "prometheus" "uid" "${datasource}" }}
title: Trust Fabric
uid: {{ printf "trust-fabric-%s" .Release.Name | trunc 40 }}
description: Trust Fabric operator reconciles, PSI worker traffic and policy revisions.
tags: [trust-fabric, operator, psi]
editable: true
schemaVersion: 39
refresh: 30s
time: {from: now-6h, to: now}
templating:
  list:
    - name: datasource
      label: Data source
      type: datasource
      query: prometheus
    - name: tenant
      label: Tenant
      type: query
      datasource: {{ toJson $ds }}
      query: {{ printf "label_values(%s_count, tenant)" $wk.requestDuration | quote }}
      refresh: 2
      includeAll: true
      multi: true
      current: {text: All, value: $__all}
panels:
  - {type: row, title: Operator, id: 1, collapsed: false, gridPos: {h: 1, w: 24, x: 0, "y": 0}, panels: []}
  - id: 2
    type: stat
    title: Operator replicas up
    description: Scraped operator replicas reporting up. With leader election exactly one of them reconciles.
    datasource: {{ toJson $ds }}
    gridPos: {h: 6, w: 4, x: 0, "y": 1}
    targets:
      - refId: A
        expr: {{ printf "sum(up{%s})" $series | quote }}
  - id: 3
    type: timeseries
    title: Reconcile rate by kind
    datasource: {{ toJson $ds }}
    gridPos: {h: 6, w: 10, x: 4, "y": 1}
    fieldConfig: {defaults: {unit: ops}, overrides: []}
    targets:
      - refId: A
        expr: {{ printf "sum by (kind) (rate(%s{%s}[$__rate_interval]))" $op.reconciliationsStarted $series | quote }}
        legendFormat: {{ `"started {{kind}}"` }}
      - refId: B
        expr: {{ printf "sum by (kind) (rate(%s{%s}[$__rate_interval]))" $op.reconciliationsSucceeded $series | quote }}
        legendFormat: {{ `"succeeded {{kind}}"` }}
  - id: 4
    type: timeseries
    title: Reconcile errors by kind
    description: Reconciles that ended with an exception; JOSDK retries them with back-off.
    datasource: {{ toJson $ds }}
    gridPos: {h: 6, w: 10, x: 14, "y": 1}
    fieldConfig: {defaults: {unit: ops}, overrides: []}
    targets:
      - refId: A
        expr: {{ printf "sum by (kind) (rate(%s{%s}[$__rate_interval]))" $op.reconciliationsFailed $series | quote }}
        legendFormat: {{ `"{{kind}}"` }}
  - id: 5
    type: timeseries
    title: Reconcile duration p50 / p95 by kind
    datasource: {{ toJson $ds }}
    gridPos: {h: 7, w: 24, x: 0, "y": 7}
    fieldConfig: {defaults: {unit: s}, overrides: []}
    targets:
      - refId: A
        expr: {{ printf "histogram_quantile(0.95, sum by (kind, le) (rate(%s_bucket{%s}[$__rate_interval])))" $op.reconciliationDuration $series | quote }}
        legendFormat: {{ `"p95 {{kind}}"` }}
      - refId: B
        expr: {{ printf "histogram_quantile(0.5, sum by (kind, le) (rate(%s_bucket{%s}[$__rate_interval])))" $op.reconciliationDuration $series | quote }}
        legendFormat: {{ `"p50 {{kind}}"` }}
  - {type: row, title: PSI workers, id: 6, collapsed: false, gridPos: {h: 1, w: 24, x: 0, "y": 14}, panels: []}
  - id: 7
    type: timeseries
    title: Worker requests by tenant and outcome
    datasource: {{ toJson $ds }}
    gridPos: {h: 7, w: 12, x: 0, "y": 15}
    fieldConfig: {defaults: {unit: reqps}, overrides: []}
    targets:
      - refId: A
        expr: {{ printf "sum by (tenant, outcome) (rate(%s_count{tenant=~\"$tenant\"}[$__rate_interval]))" $wk.requestDuration | quote }}
        legendFormat: {{ `"{{tenant}} {{outcome}}"` }}
  - id: 8
    type: timeseries
    title: Worker request latency p95 by tenant and mode
    datasource: {{ toJson $ds }}
    gridPos: {h: 7, w: 12, x: 12, "y": 15}
    fieldConfig: {defaults: {unit: s}, overrides: []}
    targets:
      - refId: A
        expr: {{ printf "histogram_quantile(0.95, sum by (tenant, mode, le) (rate(%s_bucket{tenant=~\"$tenant\"}[$__rate_interval])))" $wk.requestDuration | quote }}
        legendFormat: {{ `"{{tenant}} {{mode}}"` }}
  - id: 9
    type: timeseries
    title: Set elements processed by tenant
    datasource: {{ toJson $ds }}
    gridPos: {h: 7, w: 12, x: 0, "y": 22}
    fieldConfig: {defaults: {unit: short}, overrides: []}
    targets:
      - refId: A
        expr: {{ printf "sum by (tenant) (rate(%s{tenant=~\"$tenant\"}[$__rate_interval]))" $wk.elementsProcessed | quote }}
        legendFormat: {{ `"{{tenant}}"` }}
  - id: 10
    type: timeseries
    title: Worker queue depth by tenant
    description: Requests waiting for the scalar-multiplication pool; when the queue is full workers answer 429.
    datasource: {{ toJson $ds }}
    gridPos: {h: 7, w: 12, x: 12, "y": 22}
    fieldConfig: {defaults: {unit: short}, overrides: []}
    targets:
      - refId: A
        expr: {{ printf "sum by (tenant) (%s{tenant=~\"$tenant\"})" $wk.queueDepth | quote }}
        legendFormat: {{ `"{{tenant}}"` }}
  - id: 11
    type: timeseries
    title: Policy decisions by tenant and outcome
    description: One per query the workers' OPA decided; unavailable means the query was refused because OPA could not decide (fail closed).
    datasource: {{ toJson $ds }}
    gridPos: {h: 7, w: 12, x: 0, "y": 29}
    fieldConfig: {defaults: {unit: reqps}, overrides: []}
    targets:
      - refId: A
        expr: {{ printf "sum by (tenant, outcome) (rate(%s{tenant=~\"$tenant\"}[$__rate_interval]))" $wk.policyDecisions | quote }}
        legendFormat: {{ `"{{tenant}} {{outcome}}"` }}
  - id: 12
    type: timeseries
    title: Policy decision time p95 by tenant
    description: The OPA round trip before a query is admitted, part of every request's latency.
    datasource: {{ toJson $ds }}
    gridPos: {h: 7, w: 12, x: 12, "y": 29}
    fieldConfig: {defaults: {unit: s}, overrides: []}
    targets:
      - refId: A
        expr: {{ printf "histogram_quantile(0.95, sum by (tenant, le) (rate(%s_bucket{tenant=~\"$tenant\"}[$__rate_interval])))" $wk.policyDecisionDuration | quote }}
        legendFormat: {{ `"{{tenant}}"` }}
  - {type: row, title: Policies, id: 13, collapsed: false, gridPos: {h: 1, w: 24, x: 0, "y": 36}, panels: []}
  - id: 14
    type: timeseries
    title: Policy revisions and reverts by tenant (per hour)
    description: Every TrustPolicy revision compiled; a revert is a revision whose rules equal an earlier one's. tfctl policy history shows each one's impact.
    datasource: {{ toJson $ds }}
    gridPos: {h: 7, w: 10, x: 0, "y": 37}
    fieldConfig: {defaults: {unit: short}, overrides: []}
    targets:
      - refId: A
        expr: {{ printf "sum by (namespace, tenant) (increase(%s{%s}[1h]))" $pol.revisions $series | quote }}
        legendFormat: {{ `"revisions {{namespace}}/{{tenant}}"` }}
      - refId: B
        expr: {{ printf "sum by (namespace, tenant) (increase(%s{%s}[1h]))" $pol.reverts $series | quote }}
        legendFormat: {{ `"reverts {{namespace}}/{{tenant}}"` }}
  - id: 15
    type: stat
    title: Rules by macro origin
    description: Share of the rules in force that use built-in or custom (user-written) PolicyMacros.
    datasource: {{ toJson $ds }}
    gridPos: {h: 7, w: 7, x: 10, "y": 37}
    fieldConfig: {defaults: {unit: percentunit}, overrides: []}
    targets:
      - refId: A
        expr: {{ printf "sum by (origin) (%s{%s}) / ignoring(origin) group_left sum(%s{%s})" $pol.rules $series $pol.rules $series | quote }}
        legendFormat: {{ `"{{origin}}"` }}
  - id: 16
    type: stat
    title: Time in dryrun before enforce (p50 / p95)
    description: How long rules ran in dryrun before a revision enforced them, over the dashboard's time range.
    datasource: {{ toJson $ds }}
    gridPos: {h: 7, w: 7, x: 17, "y": 37}
    fieldConfig: {defaults: {unit: s}, overrides: []}
    targets:
      - refId: A
        expr: {{ printf "histogram_quantile(0.5, sum by (le) (increase(%s_bucket{%s}[$__range])))" $pol.dryrunToEnforce $series | quote }}
        legendFormat: p50
      - refId: B
        expr: {{ printf "histogram_quantile(0.95, sum by (le) (increase(%s_bucket{%s}[$__range])))" $pol.dryrunToEnforce $series | quote }}
        legendFormat: p95
  - id: 17
    type: timeseries
    title: Lint findings on policies now
    description: Findings standing on the TrustPolicies as they are (status.findings), by code and severity; docs/authoring-policies.md explains every code.
    datasource: {{ toJson $ds }}
    gridPos: {h: 7, w: 12, x: 0, "y": 44}
    targets:
      - refId: A
        expr: {{ printf "sum by (code, severity) (%s{%s})" $pol.lintFindings $series | quote }}
        legendFormat: {{ `"{{severity}} {{code}}"` }}
  - id: 18
    type: timeseries
    title: Findings returned at admission
    description: What authors hit when they apply (kubectl, Argo CD), by code and whether the write was refused.
    datasource: {{ toJson $ds }}
    gridPos: {h: 7, w: 12, x: 12, "y": 44}
    targets:
      - refId: A
        expr: {{ printf "sum by (code, verdict) (increase(%s{%s}[1h]))" $pol.admissionFindings $series | quote }}
        legendFormat: {{ `"{{verdict}} {{code}}"` }}
{{- end }}
