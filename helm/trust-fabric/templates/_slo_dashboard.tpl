{{/*
The "Trust Fabric tenant SLO" Grafana dashboard (docs/sla.md "Alerts and dashboards"): one tenant at a time, its
traffic, latency and error ratio against the objectives of its spec.sla, the burn rates the trust-fabric.slo group
records, and its privacy budgets and policy denials. Written as YAML, rendered to JSON by grafana-dashboard.yaml.
*/}}
{{- define "trust-fabric.sloDashboard" -}}
{{- $m := include "trust-fabric.metrics" . | fromYaml }}
{{- $wk := $m.worker }}
{{- $objective := $m.sla.objective }}
{{- $spent := $m.budget.spentRatio }}
{{- $slo := .Values.monitoring.prometheusRule.slo }}
{{- $series := include "trust-fabric.operatorSeriesSelector" . }}
{{- $bad := include "trust-fabric.sloBadOutcomes" . }}
{{- $counted := printf "%s_count{tenant=\"$tenant\",outcome!=\"client-closed\"}" $wk.requestDuration }}
{{- $badCount := printf "%s_count{tenant=\"$tenant\",outcome=~\"%s\"}" $wk.requestDuration $bad }}
{{- $ds := dict "type" "prometheus" "uid" "${datasource}" }}
title: Trust Fabric tenant SLO
uid: {{ printf "trust-fabric-slo-%s" .Release.Name | trunc 40 }}
description: {{ printf "One tenant's requests, latency and errors against its spec.sla objectives, error budget burn rates (%s SLO period) and privacy budget spend." $slo.period | quote }}
tags: [trust-fabric, psi, slo]
editable: true
schemaVersion: 39
refresh: 1m
time: {from: now-24h, to: now}
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
      includeAll: false
      multi: false
panels:
  - id: 1
    type: stat
    title: {{ printf "Error budget remaining (%s)" $slo.period | quote }}
    description: {{ printf "1 - (bad / counted requests over %s) / (1 - availability objective). Bad: %s; client-closed is not counted (docs/sla.md)." $slo.period $bad | quote }}
    datasource: {{ toJson $ds }}
    gridPos: {h: 7, w: 6, x: 0, "y": 0}
    fieldConfig: {defaults: {unit: percentunit, min: 0, max: 1}, overrides: []}
    targets:
      - refId: A
        expr: {{ printf "1 - ((sum by (tenant) (increase(%s[%s])) or 0 * sum by (tenant) (increase(%s[%s]))) / sum by (tenant) (increase(%s[%s]))) / on(tenant) (1 - max by (tenant) (%s{%s,tenant=\"$tenant\",objective=\"availability\"}))" $badCount $slo.period $counted $slo.period $counted $slo.period $objective $series | quote }}
        legendFormat: remaining
  - id: 2
    type: timeseries
    title: Request rate by outcome
    description: Every outcome of trustfabric_psi_request_duration_seconds; client-closed requests are not part of the SLI.
    datasource: {{ toJson $ds }}
    gridPos: {h: 7, w: 18, x: 6, "y": 0}
    fieldConfig: {defaults: {unit: reqps}, overrides: []}
    targets:
      - refId: A
        expr: {{ printf "sum by (outcome) (rate(%s_count{tenant=\"$tenant\"}[$__rate_interval]))" $wk.requestDuration | quote }}
        legendFormat: {{ `"{{outcome}}"` }}
  - id: 3
    type: timeseries
    title: Latency p95 / p99 (ok requests) vs p95 objective
    datasource: {{ toJson $ds }}
    gridPos: {h: 7, w: 12, x: 0, "y": 7}
    fieldConfig: {defaults: {unit: s}, overrides: []}
    targets:
      - refId: A
        expr: {{ printf "histogram_quantile(0.95, sum by (le) (rate(%s_bucket{tenant=\"$tenant\",outcome=\"ok\"}[$__rate_interval])))" $wk.requestDuration | quote }}
        legendFormat: p95
      - refId: B
        expr: {{ printf "histogram_quantile(0.99, sum by (le) (rate(%s_bucket{tenant=\"$tenant\",outcome=\"ok\"}[$__rate_interval])))" $wk.requestDuration | quote }}
        legendFormat: p99
      - refId: C
        expr: {{ printf "max(%s{%s,tenant=\"$tenant\",objective=\"p95_latency_seconds\"})" $objective $series | quote }}
        legendFormat: p95 objective
  - id: 4
    type: timeseries
    title: Error ratio vs objective
    description: {{ printf "Bad (%s) / counted (all but client-closed) requests." $bad | quote }}
    datasource: {{ toJson $ds }}
    gridPos: {h: 7, w: 12, x: 12, "y": 7}
    fieldConfig: {defaults: {unit: percentunit}, overrides: []}
    targets:
      - refId: A
        expr: {{ printf "(sum(rate(%s[$__rate_interval])) or 0 * sum(rate(%s[$__rate_interval]))) / sum(rate(%s[$__rate_interval]))" $badCount $counted $counted | quote }}
        legendFormat: error ratio
      - refId: B
        expr: {{ printf "max(%s{%s,tenant=\"$tenant\",objective=\"error_ratio\"})" $objective $series | quote }}
        legendFormat: error ratio objective
      - refId: C
        expr: {{ printf "1 - max(%s{%s,tenant=\"$tenant\",objective=\"availability\"})" $objective $series | quote }}
        legendFormat: error budget (1 - availability objective)
  - id: 5
    type: timeseries
    title: Error budget burn rate
    description: {{ printf "Error ratio / (1 - availability objective) over each window (recording rules of the trust-fabric.slo group). 1 spends the budget in exactly %s; the fast-burn page needs both windows of a pair above its factor, e.g. 14.4 over 1h and 5m." $slo.period | quote }}
    datasource: {{ toJson $ds }}
    gridPos: {h: 8, w: 24, x: 0, "y": 14}
    fieldConfig: {defaults: {unit: short}, overrides: []}
    targets:
      {{- range $i, $w := include "trust-fabric.sloWindows" . | fromYamlArray }}
      - refId: {{ printf "%c" (add 65 $i) | quote }}
        expr: {{ printf "trustfabric:psi_slo_error_budget_burn:rate%s{tenant=\"$tenant\"}" $w | quote }}
        legendFormat: {{ $w | quote }}
      {{- end }}
  - id: 6
    type: timeseries
    title: Privacy budget spent
    description: Consumed share of each PrivacyBudget of the tenant in its current period (docs/budget-guide.md).
    datasource: {{ toJson $ds }}
    gridPos: {h: 7, w: 12, x: 0, "y": 22}
    fieldConfig: {defaults: {unit: percentunit, min: 0, max: 1}, overrides: []}
    targets:
      - refId: A
        expr: {{ printf "(label_join(%s{exported_namespace=\"\"}, \"tenant\", \"/\", \"namespace\", \"tenant\") or label_join(%s{exported_namespace!=\"\"}, \"tenant\", \"/\", \"exported_namespace\", \"tenant\")) and on(tenant) label_replace(vector(1), \"tenant\", \"$tenant\", \"\", \"\")" $spent $spent | quote }}
        legendFormat: {{ `"{{budget}} (partner {{partner}})"` }}
  - id: 7
    type: timeseries
    title: Policy denials
    description: Queries the tenant's TrustPolicy denied (a partner's fault, good in the SLI).
    datasource: {{ toJson $ds }}
    gridPos: {h: 7, w: 12, x: 12, "y": 22}
    fieldConfig: {defaults: {unit: reqps}, overrides: []}
    targets:
      - refId: A
        expr: {{ printf "sum(rate(%s{tenant=\"$tenant\",outcome=\"denied\"}[$__rate_interval]))" $wk.policyDecisions | quote }}
        legendFormat: denied
{{- end }}
