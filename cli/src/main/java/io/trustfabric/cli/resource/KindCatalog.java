package io.trustfabric.cli.resource;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds tfctl knows: the seven trustfabric.io kinds plus the core kinds a quickstart needs. Works without API
 * discovery (the local mock server has none); when the cluster has our CRDs, their printer columns and short names win.
 */
public final class KindCatalog {

    public static final String GROUP = "trustfabric.io";
    public static final String VERSION = "v1alpha1";
    /** The category every trustfabric.io CRD declares: {@code tfctl get trustfabric} lists all of them. */
    public static final String CATEGORY = "trustfabric";
    /** Kinds whose CRD is installed but that no controller reconciles yet: objects are stored, nothing acts on them. */
    private static final java.util.Set<String> NOT_RECONCILED = java.util.Set.of("CanaryLane");

    private static final String READY = ".status.conditions[?(@.type==\"Ready\")].status";
    private static final PrinterColumn READY_COLUMN = PrinterColumn.of("READY", READY);
    private static final PrinterColumn AGE = new PrinterColumn("AGE", ".metadata.creationTimestamp", "date");

    private final List<ResourceKind> kinds;

    private KindCatalog(List<ResourceKind> kinds) {
        this.kinds = List.copyOf(kinds);
    }

    /** The fixed table, usable with no cluster at all. */
    public static KindCatalog builtIn() {
        return new KindCatalog(builtInKinds());
    }

    /** The fixed table, refined by the trustfabric.io CRDs the cluster has (if it lets us read them). */
    public static KindCatalog forCluster(KubernetesClient client) {
        List<ResourceKind> refined = new ArrayList<>();
        List<CustomResourceDefinition> crds = readOurCrds(client);
        for (ResourceKind kind : builtInKinds()) {
            refined.add(crds.stream().filter(crd -> crd.getSpec().getNames().getPlural().equals(kind.plural())
                            && crd.getSpec().getGroup().equals(kind.group()))
                    .findFirst().map(crd -> fromCrd(crd, kind)).orElse(kind));
        }
        return new KindCatalog(refined);
    }

    public List<ResourceKind> kinds() {
        return kinds;
    }

    public Optional<ResourceKind> byName(String name) {
        return kinds.stream().filter(k -> k.answersTo(name)).findFirst();
    }

    public ResourceKind require(String name) {
        return byName(name).orElseThrow(() -> new IllegalArgumentException("unknown resource type \"" + name
                + "\"; known: " + kinds.stream().map(ResourceKind::plural).collect(Collectors.joining(", "))));
    }

    /** The kinds in category {@code name} (case-insensitive), in catalog order; empty if no kind declares it. */
    public List<ResourceKind> category(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return CATEGORY.equals(n) ? kinds.stream().filter(k -> GROUP.equals(k.group())).toList() : List.of();
    }

    /** A warning for kinds that are accepted but not reconciled yet, empty for the others. */
    public static Optional<String> notReconciledNote(ResourceKind kind) {
        return GROUP.equals(kind.group()) && NOT_RECONCILED.contains(kind.kind())
                ? Optional.of("Note: " + kind.kind() + " is not reconciled yet: the operator stores " + kind.plural()
                        + " but does not act on them (no status, no verdict, no traffic split).")
                : Optional.empty();
    }

    public Optional<ResourceKind> byApiVersionAndKind(String apiVersion, String kind) {
        return kinds.stream().filter(k -> k.apiVersion().equals(apiVersion) && k.kind().equals(kind)).findFirst();
    }

    private static List<CustomResourceDefinition> readOurCrds(KubernetesClient client) {
        try {
            return client.apiextensions().v1().customResourceDefinitions().list().getItems().stream()
                    .filter(crd -> GROUP.equals(crd.getSpec().getGroup())).toList();
        } catch (KubernetesClientException e) {
            return List.of(); // not allowed to read CRDs: the fixed table still works
        }
    }

    private static ResourceKind fromCrd(CustomResourceDefinition crd, ResourceKind fallback) {
        var names = crd.getSpec().getNames();
        CustomResourceDefinitionVersion served = crd.getSpec().getVersions().stream()
                .filter(v -> fallback.version().equals(v.getName())).findFirst().orElse(null);
        if (served == null) {
            return fallback;
        }
        List<PrinterColumn> columns = served.getAdditionalPrinterColumns() == null ? List.of()
                : served.getAdditionalPrinterColumns().stream().map(KindCatalog::column).toList();
        List<String> shortNames = new ArrayList<>(fallback.shortNames());
        if (names.getShortNames() != null) {
            names.getShortNames().stream().filter(s -> !shortNames.contains(s)).forEach(shortNames::add);
        }
        return new ResourceKind(fallback.group(), fallback.version(), names.getKind(), names.getPlural(),
                names.getSingular() == null ? fallback.singular() : names.getSingular(), shortNames,
                "Namespaced".equals(crd.getSpec().getScope()), columns.isEmpty() ? fallback.columns() : withAge(columns));
    }

    private static PrinterColumn column(CustomResourceColumnDefinition def) {
        return new PrinterColumn(def.getName().toUpperCase(java.util.Locale.ROOT), def.getJsonPath(), def.getType());
    }

    private static List<PrinterColumn> withAge(List<PrinterColumn> columns) {
        if (columns.stream().anyMatch(PrinterColumn::isDate)) {
            return columns;
        }
        List<PrinterColumn> all = new ArrayList<>(columns);
        all.add(AGE);
        return all;
    }

    private static List<ResourceKind> builtInKinds() {
        return List.of(
                ours("Tenant", "tenants", "tenant", List.of("tn"), true, List.of(READY_COLUMN,
                        PrinterColumn.of("WORKERS", "{.status.workers.ready}/{.status.workers.desired}"),
                        PrinterColumn.of("ENDPOINT", ".status.endpoint"), AGE)),
                ours("PartnerAllowlist", "partnerallowlists", "partnerallowlist", List.of("pal"), true, List.of(
                        PrinterColumn.of("TENANT", ".spec.tenantRef"), READY_COLUMN,
                        PrinterColumn.of("ACTIVE", ".status.activePartners"),
                        PrinterColumn.of("EXPIRED", ".status.expiredPartners"), AGE)),
                ours("PrivacyBudget", "privacybudgets", "privacybudget", List.of("pb"), true, List.of(
                        PrinterColumn.of("TENANT", ".spec.tenantRef"), PrinterColumn.of("PARTNER", ".spec.partnerRef"),
                        PrinterColumn.of("AVAILABLE", ".status.conditions[?(@.type==\"Available\")].status"),
                        PrinterColumn.of("CONSUMED", ".status.microEpsilon.consumed"),
                        PrinterColumn.of("REMAINING", ".status.microEpsilon.remaining"), AGE)),
                ours("PolicyMacro", "policymacros", "policymacro", List.of("pm"), false, List.of(
                        PrinterColumn.of("MACRO", ".spec.macro"), PrinterColumn.of("VERSION", ".spec.version"),
                        PrinterColumn.of("ACCEPTED", ".status.conditions[?(@.type==\"Accepted\")].status"), AGE)),
                ours("TrustPolicy", "trustpolicies", "trustpolicy", List.of("tp"), true, List.of(
                        PrinterColumn.of("TENANT", ".spec.tenantRef"), READY_COLUMN,
                        PrinterColumn.of("REVISION", ".status.revision"), AGE)),
                ours("WhatIfScenario", "whatifscenarios", "whatifscenario", List.of("wis", "whatif"), true, List.of(
                        PrinterColumn.of("TENANT", ".spec.tenantRef"), PrinterColumn.of("TEMPLATE", ".spec.template"),
                        PrinterColumn.of("PHASE", ".status.phase"), PrinterColumn.of("PROGRESS", ".status.progress"), AGE)),
                ours("CanaryLane", "canarylanes", "canarylane", List.of("cl", "canary"), true, List.of(
                        PrinterColumn.of("TENANT", ".spec.tenantRef"), PrinterColumn.of("VERDICT", ".status.verdict"),
                        READY_COLUMN, AGE)),
                core("", "v1", "Namespace", "namespaces", "namespace", List.of("ns"), false, List.of(
                        PrinterColumn.of("STATUS", ".status.phase"), AGE)),
                core("", "v1", "ConfigMap", "configmaps", "configmap", List.of("cm"), true, List.of(AGE)),
                core("", "v1", "Secret", "secrets", "secret", List.of(), true, List.of(
                        PrinterColumn.of("TYPE", ".type"), AGE)),
                core("", "v1", "Service", "services", "service", List.of("svc"), true, List.of(
                        PrinterColumn.of("TYPE", ".spec.type"), PrinterColumn.of("CLUSTER-IP", ".spec.clusterIP"), AGE)),
                core("apps", "v1", "Deployment", "deployments", "deployment", List.of("deploy"), true, List.of(
                        PrinterColumn.of("READY", "{.status.readyReplicas}/{.spec.replicas}"),
                        PrinterColumn.of("UP-TO-DATE", ".status.updatedReplicas"),
                        PrinterColumn.of("AVAILABLE", ".status.availableReplicas"), AGE)));
    }

    private static ResourceKind ours(String kind, String plural, String singular, List<String> shortNames,
                                     boolean namespaced, List<PrinterColumn> columns) {
        return new ResourceKind(GROUP, VERSION, kind, plural, singular, shortNames, namespaced, columns);
    }

    private static ResourceKind core(String group, String version, String kind, String plural, String singular,
                                     List<String> shortNames, boolean namespaced, List<PrinterColumn> columns) {
        return new ResourceKind(group, version, kind, plural, singular, shortNames, namespaced, columns);
    }
}
