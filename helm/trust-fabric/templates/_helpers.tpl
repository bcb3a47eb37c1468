{{/*
Name of the chart, overridable with nameOverride.
*/}}
{{- define "trust-fabric.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified name of the release's objects. Truncated to 63 characters (DNS label limit).
*/}}
{{- define "trust-fabric.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "trust-fabric.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels on every object of the release.
*/}}
{{- define "trust-fabric.labels" -}}
helm.sh/chart: {{ include "trust-fabric.chart" . }}
{{ include "trust-fabric.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: trust-fabric
{{- end }}

{{/*
Labels that select the operator pods. Never change these between releases: Deployment selectors are immutable.
*/}}
{{- define "trust-fabric.selectorLabels" -}}
app.kubernetes.io/name: {{ include "trust-fabric.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end }}

{{- define "trust-fabric.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "trust-fabric.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "trust-fabric.operatorImage" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository $tag }}
{{- end }}
{{- end }}

{{- define "trust-fabric.workerImage" -}}
{{- $tag := default .Chart.AppVersion .Values.workerImage.tag }}
{{- if .Values.workerImage.digest }}
{{- printf "%s@%s" .Values.workerImage.repository .Values.workerImage.digest }}
{{- else }}
{{- printf "%s:%s" .Values.workerImage.repository $tag }}
{{- end }}
{{- end }}

{{- define "trust-fabric.opaImage" -}}
{{- if .Values.opa.image.digest }}
{{- printf "%s@%s" .Values.opa.image.repository .Values.opa.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.opa.image.repository .Values.opa.image.tag }}
{{- end }}
{{- end }}

{{- define "trust-fabric.controlServiceName" -}}
{{- printf "%s-control" (include "trust-fabric.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "trust-fabric.webhookServiceName" -}}
{{- printf "%s-webhook" (include "trust-fabric.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
What both webhooks of the ValidatingWebhookConfiguration share; called with (dict "root" . "resources" (list ...)).
With watchNamespaces only those namespaces are linted (a namespaceSelector does not apply to the cluster-scoped
PolicyMacro, which is always linted).
*/}}
{{- define "trust-fabric.webhookCommon" -}}
{{- $root := .root -}}
admissionReviewVersions: ["v1"]
sideEffects: None
matchPolicy: Equivalent
timeoutSeconds: {{ $root.Values.webhook.timeoutSeconds }}
clientConfig:
  service:
    name: {{ include "trust-fabric.webhookServiceName" $root }}
    namespace: {{ $root.Release.Namespace }}
    path: /validate
    port: 443
rules:
  - apiGroups: ["trustfabric.io"]
    apiVersions: ["*"]
    resources: {{ toJson .resources }}
    operations: ["CREATE", "UPDATE"]
    scope: "*"
{{- with $root.Values.watchNamespaces }}
namespaceSelector:
  matchExpressions:
    - key: kubernetes.io/metadata.name
      operator: In
      values: {{ toJson . }}
{{- end }}
matchConditions:
  {{- include "trust-fabric.webhookSkips" . | nindent 2 }}
  - name: not-the-operator
    expression: {{ printf "request.userInfo.username != 'system:serviceaccount:%s:%s'" $root.Release.Namespace (include "trust-fabric.serviceAccountName" $root) | quote }}
{{- end }}

{{/*
Writes the API server never sends to the webhook, so they pass even while no operator replica answers: changes to an
object being deleted (finalizer removal) and updates that leave spec as it is (labels, annotations, finalizers).
The operator skips them too. Keep in step with WebhookRegistration.SKIPS (local mode).
*/}}
{{- define "trust-fabric.webhookSkips" -}}
- name: not-being-deleted
  expression: "!has(object.metadata.deletionTimestamp)"
- name: spec-changed
  expression: "request.operation != 'UPDATE' || !has(object.spec) || !has(oldObject.spec) || object.spec != oldObject.spec"
{{- end }}

{{- define "trust-fabric.metricsServiceName" -}}
{{- printf "%s-metrics" (include "trust-fabric.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
PromQL label matchers that pick the operator's own series: monitoring.operatorSelector, or else the job and
namespace the chart's ServiceMonitor gives them (the job is the metrics Service's name).
*/}}
{{- define "trust-fabric.operatorSeriesSelector" -}}
{{- if .Values.monitoring.operatorSelector }}
{{- .Values.monitoring.operatorSelector }}
{{- else }}
{{- printf "job=\"%s\",namespace=\"%s\"" (include "trust-fabric.metricsServiceName" .) .Release.Namespace }}
{{- end }}
{{- end }}

{{/*
The metric names of files/metrics.yaml as a dict: (include "trust-fabric.metrics" . | fromYaml).operator.reconciliationsStarted
*/}}
{{- define "trust-fabric.metrics" -}}
{{- .Files.Get "files/metrics.yaml" }}
{{- end }}

{{/*
Rules the operator needs on namespaced resources, wherever it watches them (ClusterRole or one Role per namespace).
Keep in step with helm/src/test/resources/operator-rbac-contract.yaml - the chart tests compare the two.
*/}}
{{- define "trust-fabric.namespacedRules" -}}
- apiGroups: ["trustfabric.io"]
  resources: ["tenants", "privacybudgets"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["trustfabric.io"]
  resources: ["partnerallowlists"]
  verbs: ["list", "watch"]
- apiGroups: ["trustfabric.io"]
  resources: ["trustpolicies"]
  verbs: ["list", "watch", "patch"]
- apiGroups: ["trustfabric.io"]
  resources: ["whatifscenarios"]
  verbs: ["list", "watch"]
- apiGroups: ["trustfabric.io"]
  resources: ["tenants/status", "partnerallowlists/status", "privacybudgets/status", "trustpolicies/status", "whatifscenarios/status"]
  verbs: ["patch"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
- apiGroups: [""]
  resources: ["services", "serviceaccounts"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["list"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch", "create"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["get", "create", "patch"]
{{- end }}

{{/*
Rules on cluster-scoped resources: always in a ClusterRole, because a Role cannot grant them. PolicyMacros: the
operator installs the built-in catalog (get, create), watches every macro, restores a changed built-in and manages
its finalizer (patch), and reports Accepted (status). Events about a cluster-scoped object must be in the namespace
"default", which the operator may not watch: events are granted cluster-wide. With the webhook, the release's own
ValidatingWebhookConfiguration only (resourceNames): watched through a metadata.name field selector, which RBAC
authorises by name for list and watch too, and patched to keep its caBundle current (read first: get).
*/}}
{{- define "trust-fabric.clusterScopedRules" -}}
- apiGroups: ["trustfabric.io"]
  resources: ["policymacros"]
  verbs: ["get", "list", "watch", "create", "patch"]
- apiGroups: ["trustfabric.io"]
  resources: ["policymacros/status"]
  verbs: ["patch"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["get", "create", "patch"]
{{- if .Values.webhook.enabled }}
- apiGroups: ["admissionregistration.k8s.io"]
  resources: ["validatingwebhookconfigurations"]
  resourceNames: [{{ include "trust-fabric.fullname" . | quote }}]
  verbs: ["get", "list", "watch", "patch"]
{{- end }}
{{- end }}

{{/*
The release namespace: the bundle signing key Secret (created once, then only read), the webhook's TLS Secret
(created once, then replaced by name only when a certificate is renewed), and with leader election the Lease
"trust-fabric-operator" the replicas compete for.
*/}}
{{- define "trust-fabric.releaseNamespaceRules" -}}
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "create"]
{{- if .Values.webhook.enabled }}
- apiGroups: [""]
  resources: ["secrets"]
  resourceNames: ["trust-fabric-webhook-tls"]
  verbs: ["update"]
{{- end }}
{{- if .Values.leaderElection.enabled }}
- apiGroups: ["coordination.k8s.io"]
  resources: ["leases"]
  verbs: ["get", "create", "update", "patch"]
{{- end }}
{{- end }}

{{/*
The tenant SLI (docs/sla.md): outcomes of trustfabric_psi_request_duration_seconds that are the service's fault
(BAD). client-closed is neither good nor bad (left out of the SLI); every other outcome is GOOD.
*/}}
{{- define "trust-fabric.sloBadOutcomes" -}}
internal|not-ready|overloaded|budget-unavailable|policy-unavailable|allowlist-unavailable
{{- end }}

{{/*
The windows the trust-fabric.slo group records, from the burn-rate alerts of monitoring.prometheusRule.slo, shortest
first and each once, as a YAML list: (include "trust-fabric.sloWindows" . | fromYamlArray).
*/}}
{{- define "trust-fabric.sloWindows" -}}
{{- $slo := .Values.monitoring.prometheusRule.slo }}
{{- $seconds := dict "s" 1 "m" 60 "h" 3600 "d" 86400 "w" 604800 }}
{{- $keyed := list }}
{{- range (concat $slo.fastBurn $slo.slowBurn) }}
{{- range (list .longWindow .shortWindow) }}
{{- $n := regexFind "^[0-9]+" . | atoi }}
{{- $unit := trimPrefix (toString $n) . }}
{{- $keyed = append $keyed (printf "%015d|%s" (mul $n (get $seconds $unit)) .) }}
{{- end }}
{{- end }}
{{- range (sortAlpha $keyed | uniq) }}
- {{ splitList "|" . | last | quote }}
{{- end }}
{{- end }}
