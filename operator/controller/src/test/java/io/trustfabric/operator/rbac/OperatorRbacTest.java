package io.trustfabric.operator.rbac;

import io.trustfabric.api.v1alpha1.PolicyMacro;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.api.v1alpha1.TrustPolicySpec;
import io.trustfabric.operator.policy.bundle.BundleSigningKeySecret;
import static io.trustfabric.operator.OperatorCluster.await;
import static io.trustfabric.operator.OperatorCluster.inlineDataset;
import static io.trustfabric.operator.OperatorCluster.secretDataset;
import static io.trustfabric.operator.OperatorCluster.tenant;
import static io.trustfabric.operator.allowlist.AllowlistFixtures.allowlist;
import static io.trustfabric.operator.allowlist.AllowlistFixtures.apiKeyPartner;
import static io.trustfabric.operator.allowlist.AllowlistFixtures.apiKeySecret;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.FairShare;
import io.trustfabric.api.v1alpha1.PartnerAllowlist;
import io.trustfabric.api.v1alpha1.BudgetPeriod;
import io.trustfabric.api.v1alpha1.CalendarPeriod;
import io.trustfabric.api.v1alpha1.PrivacyBudget;
import io.trustfabric.api.v1alpha1.PrivacyBudgetSpec;
import io.trustfabric.api.v1alpha1.QueryCost;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TrustFabric;
import io.trustfabric.controlplane.FreePort;
import io.trustfabric.operator.ChartRbac;
import io.trustfabric.operator.ChartWebhook;
import io.trustfabric.operator.admission.WebhookSettings;
import io.trustfabric.operator.admission.WebhookTlsFixtures;
import io.trustfabric.operator.OperatorSettings;
import io.trustfabric.operator.RealCluster;
import io.trustfabric.operator.budget.BudgetConditions;
import io.trustfabric.operator.tenant.TenantConditions;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.RepositoryRoot;
import io.trustfabric.testsupport.TestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, proven on the real API server: the operator runs as the Helm chart's service account with the
 * chart's rendered RBAC (leader election on, watching every namespace, as a default release) through the life
 * cycle of each kind it reconciles, and the API server's audit log records every request it made. No request may
 * be refused (a missing verb fails here and in every reconciler test), and every verb the chart grants must have
 * been used, or be listed in {@link #GRANTED_BUT_NOT_EXERCISED} with the path that needs it.
 */
@RealKubernetes
class OperatorRbacTest {

    /** Every authenticated user may create it (system:basic-user); JOSDK asks it before leader election. */
    private static final ApiCall SELF_RULES_REVIEW =
            new ApiCall("authorization.k8s.io", "selfsubjectrulesreviews", "create");

    /**
     * Granted although this life cycle does not call them, each with the reason it stays granted. An entry that
     * the life cycle does use, or that the chart no longer grants, fails {@link #everyGrantIsUsedOrJustified()}.
     */
    private static final Map<ApiCall, String> GRANTED_BUT_NOT_EXERCISED = Map.of(
            new ApiCall("coordination.k8s.io", "leases", "update"),
            "JOSDK checks with a SelfSubjectRulesReview that get, create and update are granted before it starts "
                    + "leader election; Fabric8's lease lock then patches the Lease");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static RealCluster cluster;
    private static Set<ApiCall> used;
    private static List<String> refused;
    private static Map<ApiCall, Set<String>> leaseNamespaces;
    /** Every write to an existing Secret: "verb namespace/name". */
    private static List<String> secretWrites;
    private static String metrics;

    @BeforeAll
    static void runTheOperatorThroughEveryKindsLifeCycle(TestCluster real) throws Exception {
        Instant since = Instant.now().minusSeconds(1);
        // as after a fresh install: no Lease left by an earlier test, so the operator creates it
        real.ensureNamespace(ChartRbac.RELEASE_NAMESPACE);
        real.admin().leases().inNamespace(ChartRbac.RELEASE_NAMESPACE).withName(OperatorSettings.LEASE_NAME).delete();
        // ... no bundle signing key and one built-in macro missing, so the operator creates them
        real.admin().secrets().inNamespace(ChartRbac.RELEASE_NAMESPACE).withName(BundleSigningKeySecret.NAME).delete();
        PolicyMacro kThreshold = real.admin().resources(PolicyMacro.class).withName("k-threshold-v1").get();
        if (kThreshold != null) {
            real.admin().resources(PolicyMacro.class).withName("k-threshold-v1").edit(m -> {
                m.getMetadata().setFinalizers(new ArrayList<>());
                return m;
            });
            real.admin().resources(PolicyMacro.class).withName("k-threshold-v1").delete();
            await().until(() -> real.admin().resources(PolicyMacro.class).withName("k-threshold-v1").get() == null);
        }
        await().until(() -> real.admin().secrets().inNamespace(ChartRbac.RELEASE_NAMESPACE)
                .withName(BundleSigningKeySecret.NAME).get() == null);
        // ... and webhook certificates issued 80 days ago, which the operator renews at start
        real.admin().secrets().inNamespace(ChartRbac.RELEASE_NAMESPACE).withName(WebhookTlsFixtures.SECRET_NAME)
                .delete();
        await().until(() -> real.admin().secrets().inNamespace(ChartRbac.RELEASE_NAMESPACE)
                .withName(WebhookTlsFixtures.SECRET_NAME).get() == null);
        real.admin().resource(WebhookTlsFixtures.issuedAgo(ChartRbac.RELEASE_NAMESPACE, Duration.ofDays(80))).create();
        int webhookPort = FreePort.pick();
        cluster = RealCluster.startWatchingAllNamespaces(real,
                OperatorSettings.local().withLeaderElection(true, ChartRbac.RELEASE_NAMESPACE, "replica-a")
                        .withWebhook(WebhookSettings.loopback(webhookPort, ChartWebhook.NAME)));
        try {
            lifeCycle(real, webhookPort);
        } finally {
            try {
                ChartWebhook.remove(real.admin());
            } finally {
                cluster.close();
            }
        }
        collectAuditedCalls(real, since);
    }

    private static void lifeCycle(TestCluster real, int webhookPort) throws Exception {
        await().until(() -> cluster.operator().leader().isLeader());

        // Tenant: valid, invalid, paused and resumed, scaled, key seed replaced, deleted
        cluster.createDatasetSecret("items", "emails", "a@example.com\n");
        cluster.create(tenant("acme", secretDataset("items", "emails"), QueryMode.PSI_CA, QueryMode.PSI));
        cluster.create(tenant("broken", secretDataset("missing", "emails"), QueryMode.PSI_CA));
        await().until(() -> cluster.deployment("acme-psi"), Objects::nonNull);
        cluster.setDeploymentStatus("acme-psi", 1, 1);
        cluster.awaitCondition("acme", TenantConditions.READY, Condition::isTrue);
        cluster.awaitCondition("broken", TenantConditions.READY, c -> !c.isTrue());
        // the SLA sampler's round (scheduled every 30 s) run now: it lists the ready worker pods of each tenant
        cluster.operator().sla().sample();
        cluster.editTenant("acme", t -> {
            t.getSpec().getWorkers().setReplicas(2);
            t.getMetadata().setAnnotations(new HashMap<>(Map.of(TrustFabric.PAUSED_ANNOTATION, "true")));
        });
        cluster.awaitCondition("acme", TenantConditions.PAUSED, Condition::isTrue);
        cluster.editTenant("acme", t -> t.getMetadata().getAnnotations().remove(TrustFabric.PAUSED_ANNOTATION));
        await().until(() -> cluster.deployment("acme-psi"), d -> d.getSpec().getReplicas() == 2);
        // paused and resumed again: the same Paused and Resumed Events repeat (counted on the existing Events)
        cluster.editTenant("acme", t -> t.getMetadata().getAnnotations().put(TrustFabric.PAUSED_ANNOTATION, "true"));
        cluster.awaitCondition("acme", TenantConditions.PAUSED, Condition::isTrue);
        cluster.editTenant("acme", t -> t.getMetadata().getAnnotations().remove(TrustFabric.PAUSED_ANNOTATION));
        cluster.awaitCondition("acme", TenantConditions.PAUSED, c -> !c.isTrue());

        // PartnerAllowlist: credentials resolved from Secrets, one partner expired
        cluster.create(apiKeySecret("globex", "gx-key"));
        cluster.create(apiKeySecret("initech", "in-key"));
        cluster.create(allowlist("acme-partners", "acme", apiKeyPartner("globex", "2099-01-01T00:00:00Z",
                QueryMode.PSI_CA), apiKeyPartner("initech", "2025-01-01T00:00:00Z", QueryMode.PSI_CA)));
        await().until(() -> cluster.client().resources(PartnerAllowlist.class).inNamespace(cluster.namespace())
                .withName("acme-partners").get(), a -> a.getStatus() != null && a.getStatus().getActivePartners() == 1);

        // PrivacyBudget: the period starts, a worker leases and releases budget over the control API
        PrivacyBudget budget = new PrivacyBudget();
        budget.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("acme-all").build());
        PrivacyBudgetSpec spec = new PrivacyBudgetSpec();
        spec.setTenantRef("acme");
        spec.setEpsilonPerPeriod("10.0");
        spec.setCost(new QueryCost("0.1", "1.0"));
        BudgetPeriod period = new BudgetPeriod();
        period.setCalendar(CalendarPeriod.Monthly);
        spec.setPeriod(period);
        budget.setSpec(spec);
        cluster.create(budget);
        await().until(() -> cluster.client().resources(PrivacyBudget.class).inNamespace(cluster.namespace())
                .withName("acme-all").get(), b -> b.getStatus() != null && b.getStatus()
                .condition(BudgetConditions.AVAILABLE).map(Condition::isTrue).orElse(false));
        leaseAndReleaseAsAWorker("acme");

        // WhatIfScenario: validated, queued and replayed (nothing recorded here, so it ends Failed with a reason)
        io.trustfabric.api.v1alpha1.WhatIfScenario scenario = new io.trustfabric.api.v1alpha1.WhatIfScenario();
        scenario.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("smaller").build());
        io.trustfabric.api.v1alpha1.WhatIfScenarioSpec scenarioSpec = new io.trustfabric.api.v1alpha1.WhatIfScenarioSpec();
        scenarioSpec.setTenantRef("acme");
        scenarioSpec.setTemplate(io.trustfabric.api.v1alpha1.ScenarioTemplate.BUDGET_CHANGE);
        io.trustfabric.api.v1alpha1.BudgetChange change = new io.trustfabric.api.v1alpha1.BudgetChange();
        change.setBudgetRef("acme-all");
        change.setEpsilonPerPeriod("1");
        scenarioSpec.setBudgetChange(change);
        scenario.setSpec(scenarioSpec);
        cluster.create(scenario);
        await().until(() -> cluster.client().resources(io.trustfabric.api.v1alpha1.WhatIfScenario.class)
                .inNamespace(cluster.namespace()).withName("smaller").get(), w -> w.getStatus() != null
                && w.getStatus().getPhase() == io.trustfabric.api.v1alpha1.ScenarioPhase.Failed);

        // PolicyMacro: the missing built-in installed and accepted, an edited built-in restored (before the webhook
        // is registered below: its linter refuses edits of built-in macros)
        await().until(() -> real.admin().resources(PolicyMacro.class).withName("k-threshold-v1").get(),
                m -> m != null && m.getStatus() != null && Boolean.TRUE.equals(m.getStatus().getAccepted()));
        String shipped = real.admin().resources(PolicyMacro.class).withName("residency-v1").get().getSpec().getRego();
        // a merge patch (no resourceVersion): the operator writes the macro's status concurrently
        real.admin().resources(PolicyMacro.class).withName("residency-v1").patch(
                io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                YAML.createObjectNode().set("spec", YAML.createObjectNode().put("rego", shipped + "\n# edited\n")).toString());
        await().until(() -> real.admin().resources(PolicyMacro.class).withName("residency-v1").get().getSpec()
                .getRego().equals(shipped));

        // The chart's ValidatingWebhookConfiguration: the operator watches it and sets its caBundle; the TrustPolicy
        // below goes through the webhook (once the API server has seen the caBundle: the probe retries until then)
        ChartWebhook.register(real.admin(), webhookPort);
        await().until(() -> ChartWebhook.hasCaBundle(real.admin(), cluster.operator().webhookCaBundle()));
        await().ignoreExceptions().until(() -> cluster.client().resources(TrustPolicy.class)
                .inNamespace(cluster.namespace()).resource(trustPolicy("acme-policy", "acme")).dryRun().create(),
                Objects::nonNull);

        // TrustPolicy: compiled into a bundle, then deleted (the finalizer withdraws the bundle)
        cluster.create(trustPolicy("acme-policy", "acme"));
        await().until(() -> cluster.client().resources(TrustPolicy.class).inNamespace(cluster.namespace())
                .withName("acme-policy").get(), p -> p.getStatus() != null && p.getStatus().getRevision() != null);
        cluster.client().resources(TrustPolicy.class).inNamespace(cluster.namespace()).withName("acme-policy").delete();
        await().until(() -> cluster.client().resources(TrustPolicy.class).inNamespace(cluster.namespace())
                .withName("acme-policy").get() == null);

        // A shared pool: two members, one leaves (the pool's objects are rewritten, then deleted when empty)
        cluster.create(pooled("umbrella"));
        cluster.create(pooled("hooli"));
        await().until(() -> cluster.deployment("psi-pool-shared"), d -> d != null
                && d.getMetadata().getOwnerReferences().size() == 2);
        cluster.editTenant("hooli", t -> t.getSpec().getWorkers().setPool(null));
        cluster.editTenant("umbrella", t -> t.getSpec().getWorkers().setPool(null));
        await().until(() -> cluster.deployment("psi-pool-shared") == null);

        // The key seed replaced by hand: the operator creates a new one
        cluster.client().secrets().inNamespace(cluster.namespace()).withName("acme-psi-key").delete();
        cluster.editTenant("acme", t -> t.getMetadata().setLabels(new HashMap<>(Map.of("touched", "true"))));
        await().until(() -> cluster.secret("acme-psi-key"), Objects::nonNull);

        // A Tenant whose Deployment a ResourceQuota refuses, in a second namespace
        String quota = real.createNamespace("quota");
        real.admin().resourceQuotas().inNamespace(quota).resource(new ResourceQuotaBuilder().withNewMetadata()
                .withName("no-deployments").endMetadata().withNewSpec()
                .addToHard("count/deployments.apps", new Quantity("0")).endSpec().build()).create();
        await().until(() -> real.admin().resourceQuotas().inNamespace(quota).withName("no-deployments").get(),
                q -> q.getStatus() != null && q.getStatus().getHard() != null);
        Tenant refusedTenant = tenant("refused", inlineDataset("a\n"), QueryMode.PSI_CA);
        refusedTenant.getMetadata().setNamespace(quota);
        real.admin().resources(Tenant.class).inNamespace(quota).resource(refusedTenant).create();
        await().until(() -> real.admin().resources(Tenant.class).inNamespace(quota).withName("refused").get(),
                t -> t.getStatus() != null && t.getStatus().condition(TenantConditions.READY)
                        .map(c -> TenantConditions.REASON_RECONCILE_FAILED.equals(c.getReason())).orElse(false));

        cluster.client().resources(Tenant.class).inNamespace(cluster.namespace()).withName("acme").delete();
        await().until(() -> cluster.tenant("acme") == null);

        // JOSDK counts a failed reconciliation only after updateErrorStatus has patched the condition awaited above
        metrics = await().until(OperatorRbacTest::scrapeMetrics,
                body -> body.lines().anyMatch(line -> line.startsWith("operator_sdk_reconciliations_failed_total{")
                        && line.contains("kind=\"Tenant\"")));
    }

    private static TrustPolicy trustPolicy(String name, String tenant) {
        TrustPolicy policy = new TrustPolicy();
        policy.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).build());
        TrustPolicySpec spec = new TrustPolicySpec();
        spec.setTenantRef(tenant);
        io.trustfabric.api.v1alpha1.PolicyRule rule = new io.trustfabric.api.v1alpha1.PolicyRule();
        rule.setName("cap");
        rule.setMacro("set-size-cap@v1");
        rule.setArguments(new HashMap<>(Map.of("maxSetSize",
                com.fasterxml.jackson.databind.node.IntNode.valueOf(1000))));
        spec.setRules(List.of(rule));
        policy.setSpec(spec);
        return policy;
    }

    private static void collectAuditedCalls(TestCluster real, Instant since) {
        used = new TreeSet<>(java.util.Comparator.comparing(ApiCall::toString));
        refused = new ArrayList<>();
        leaseNamespaces = new HashMap<>();
        secretWrites = new ArrayList<>();
        for (JsonNode event : real.auditEventsSince(since)) {
            if (!ChartRbac.USER.equals(event.at("/user/username").asText())) {
                continue;
            }
            for (ApiCall call : ApiCall.fromAudit(event)) {
                used.add(call);
                if (call.resource().equals("secrets")
                        && Set.of("update", "patch", "delete", "deletecollection").contains(call.verb())) {
                    secretWrites.add(call.verb() + " " + event.at("/objectRef/namespace").asText() + "/"
                            + event.at("/objectRef/name").asText());
                }
                if (call.resource().equals("leases")) {
                    leaseNamespaces.computeIfAbsent(call, c -> new TreeSet<>())
                            .add(event.at("/objectRef/namespace").asText());
                }
            }
            // RBAC's refusals; a 403 from admission (the ResourceQuota above) is the API server doing its job
            if (event.at("/responseStatus/code").asInt() == 403
                    && event.at("/responseStatus/message").asText().contains(" cannot ")) {
                refused.add(event.path("verb").asText() + " " + event.path("requestURI").asText() + ": "
                        + event.at("/responseStatus/message").asText());
            }
        }
    }

    @Test
    void noRequestOfTheOperatorIsRefused() {
        assertThat(used).as("requests recorded in the audit log").isNotEmpty()
                .contains(new ApiCall("apps", "deployments", "patch"), new ApiCall("", "secrets", "create"),
                        new ApiCall("trustfabric.io", "tenants/status", "patch"),
                        new ApiCall("trustfabric.io", "privacybudgets/status", "patch"),
                        new ApiCall("coordination.k8s.io", "leases", "create"));
        assertThat(refused).as("requests the chart's RBAC refused").isEmpty();
    }

    @Test
    void everyGrantIsUsedOrJustified() {
        Set<ApiCall> granted = granted();
        Set<ApiCall> unused = new TreeSet<>(java.util.Comparator.comparing(ApiCall::toString));
        unused.addAll(granted);
        unused.removeAll(used);
        unused.removeAll(GRANTED_BUT_NOT_EXERCISED.keySet());
        assertThat(unused).as("verbs the chart grants that the operator never used (least privilege: remove them "
                + "from the chart and helm/src/test/resources/operator-rbac-contract.yaml, or justify them)").isEmpty();
        assertThat(GRANTED_BUT_NOT_EXERCISED.keySet()).as("justified entries must be granted and still unused")
                .allMatch(granted::contains).noneMatch(used::contains);
    }

    @Test
    void everyUsedVerbIsInTheChartsRbacContract() throws Exception {
        Set<ApiCall> contract = contract();
        Set<ApiCall> outside = new TreeSet<>(java.util.Comparator.comparing(ApiCall::toString));
        outside.addAll(used);
        outside.removeAll(contract);
        outside.remove(SELF_RULES_REVIEW);
        assertThat(outside).as("calls missing from helm/src/test/resources/operator-rbac-contract.yaml").isEmpty();
        assertThat(contract).as("the contract states exactly what the chart grants").isEqualTo(granted());
    }

    @Test
    void leasesAreUsedOnlyInTheReleaseNamespace() {
        assertThat(leaseNamespaces).isNotEmpty()
                .allSatisfy((call, namespaces) -> assertThat(namespaces).containsOnly(ChartRbac.RELEASE_NAMESPACE));
    }

    @Test
    void keySeedAndDatasetSecretsAreNeverUpdatedOrDeleted() {
        assertThat(secretWrites).as("only the webhook's TLS Secret is replaced, when a certificate is renewed")
                .isNotEmpty()
                .containsOnly("update " + ChartRbac.RELEASE_NAMESPACE + "/" + WebhookTlsFixtures.SECRET_NAME);
        assertThat(used).noneMatch(c -> c.resource().equals("secrets")
                && Set.of("patch", "delete", "deletecollection").contains(c.verb()));
    }

    @Test
    void theWebhookConfigurationIsWatchedAndPatchedByNameOnly() {
        assertThat(used).contains(
                new ApiCall("admissionregistration.k8s.io", "validatingwebhookconfigurations", "list"),
                new ApiCall("admissionregistration.k8s.io", "validatingwebhookconfigurations", "watch"),
                new ApiCall("admissionregistration.k8s.io", "validatingwebhookconfigurations", "patch"));
        assertThat(refused).as("list and watch carry the field selector metadata.name, which RBAC authorises by name")
                .noneMatch(r -> r.contains("validatingwebhookconfigurations"));
    }

    @Test
    void exposesEveryOperatorMetricTheChartQueries() throws Exception {
        JsonNode names = YAML.readTree(RepositoryRoot.find().resolve("helm/trust-fabric/files/metrics.yaml").toFile())
                .get("operator");
        assertThat(names).as("operator metric names in the chart").isNotEmpty();
        names.fields().forEachRemaining(entry -> {
            String name = entry.getValue().asText();
            String series = name.endsWith("_seconds") ? name + "_bucket{" : name + "{";
            assertThat(metrics.lines()).as(entry.getKey() + " = " + name)
                    .anyMatch(line -> line.startsWith(series) && line.contains("kind=\"Tenant\""));
        });
    }

    @Test
    void withoutOneVerbTheOperatorCannotReconcileAndSaysWhy(TestCluster real) {
        String account = "trust-fabric-without-secret-create";
        List<HasMetadata> rbac = ChartRbac.render(Map.of());
        ClusterRole reduced = new ClusterRoleBuilder(ChartRbac.clusterRole(rbac)).editMetadata().withName(account)
                .endMetadata().build();
        reduced.getRules().stream().filter(r -> r.getResources().contains("secrets"))
                .forEach(r -> r.setVerbs(r.getVerbs().stream().filter(v -> !v.equals("create")).toList()));
        real.ensureNamespace(ChartRbac.RELEASE_NAMESPACE);
        real.admin().resource(reduced).serverSideApply();
        real.admin().resource(new ClusterRoleBindingBuilder().withNewMetadata().withName(account).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(account)
                .endRoleRef().addNewSubject().withKind("ServiceAccount").withName(account)
                .withNamespace(ChartRbac.RELEASE_NAMESPACE).endSubject().build()).serverSideApply();

        try (RealCluster reducedOperator = RealCluster.start(real, OperatorSettings.local(), account)) {
            reducedOperator.create(tenant("acme", inlineDataset("a\n"), QueryMode.PSI_CA));
            Condition ready = reducedOperator.awaitCondition("acme", TenantConditions.READY,
                    c -> TenantConditions.REASON_RECONCILE_FAILED.equals(c.getReason()));
            assertThat(ready.getMessage()).contains("cannot create resource \"secrets\"");
            assertThat(reducedOperator.secret("acme-psi-key")).isNull();
        } finally {
            real.admin().resource(reduced).delete();
        }
    }

    /** What the rendered chart grants the operator: its ClusterRole and its Roles, verb by verb. */
    static Set<ApiCall> granted() {
        List<HasMetadata> rbac = ChartRbac.render(Map.of());
        List<PolicyRule> rules = new ArrayList<>(ChartRbac.clusterRole(rbac).getRules());
        ChartRbac.roles(rbac).forEach(role -> rules.addAll(role.getRules()));
        Set<ApiCall> granted = new TreeSet<>(java.util.Comparator.comparing(ApiCall::toString));
        for (PolicyRule rule : rules) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        granted.add(new ApiCall(group, resource, verb));
                    }
                }
            }
        }
        return granted;
    }

    private static Set<ApiCall> contract() throws Exception {
        JsonNode contract = YAML.readTree(RepositoryRoot.find()
                .resolve("helm/src/test/resources/operator-rbac-contract.yaml").toFile());
        Set<ApiCall> calls = new TreeSet<>(java.util.Comparator.comparing(ApiCall::toString));
        for (JsonNode rule : contract.get("rules")) {
            for (JsonNode resource : rule.get("resources")) {
                for (JsonNode verb : rule.get("verbs")) {
                    calls.add(new ApiCall(rule.get("apiGroup").asText(), resource.asText(), verb.asText()));
                }
            }
        }
        return calls;
    }

    /** What a worker of the tenant does: take a lease with its bearer token, then release it with what it spent. */
    private static void leaseAndReleaseAsAWorker(String tenantName) throws Exception {
        Secret tokenSecret = await().until(() -> cluster.secret(tenantName + "-psi-worker-token"), Objects::nonNull);
        String token = new String(Base64.getDecoder().decode(tokenSecret.getData().get("token")), StandardCharsets.UTF_8);
        String base = "http://127.0.0.1:" + cluster.operator().controlPort() + "/control/v1/namespaces/"
                + cluster.namespace() + "/tenants/" + tenantName + "/leases";
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> granted = http.send(HttpRequest.newBuilder(URI.create(base))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"holder\":\"acme-psi-0\",\"partner\":\"globex\",\"requestMicroEpsilon\":100000}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        String leaseId = new ObjectMapper().readTree(granted.body()).get("leaseId").asText();
        HttpResponse<String> released = http.send(HttpRequest.newBuilder(URI.create(base + "/" + leaseId))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"spentMicroEpsilon\":100000}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
    }

    private static Tenant pooled(String name) {
        Tenant tenant = tenant(name, inlineDataset(name + "@example.com\n"), QueryMode.PSI_CA);
        tenant.getSpec().getWorkers().setPool("shared");
        FairShare share = new FairShare();
        share.setWeight(1);
        tenant.getSpec().setFairShare(share);
        return tenant;
    }

    private static String scrapeMetrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + cluster.operator().httpPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
