package io.trustfabric.operator.gitops;

import static io.trustfabric.operator.OperatorCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.trustfabric.api.v1alpha1.PolicyMacro;
import io.trustfabric.api.v1alpha1.PolicyRule;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.api.v1alpha1.TrustPolicySpec;
import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.controlplane.FreePort;
import io.trustfabric.operator.ChartRbac;
import io.trustfabric.operator.ChartWebhook;
import io.trustfabric.operator.OperatorSettings;
import io.trustfabric.operator.RealCluster;
import io.trustfabric.operator.admission.AdmissionMetrics;
import io.trustfabric.operator.admission.WebhookSettings;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.RequiresRealBinaries;
import io.trustfabric.testsupport.TestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * examples/gitops/ as Argo CD and Flux see it. The tenant folder is rendered by the real {@code kubectl kustomize};
 * the sync is replayed the way Argo CD runs it: the objects grouped by their {@code argocd.argoproj.io/sync-wave},
 * each wave server-side applied by the real kubectl with Argo CD's field manager to the real API server, with the
 * operator and its admission webhook running, and the next wave only once every object of this one is healthy.
 * Then the same objects are synced again, and nothing may change: no new generation, no write, no diff from a
 * dry-run server-side apply (what Argo CD's Server-Side Diff compares). That is what lets Argo CD show the folder in
 * sync without any ignoreDifferences.
 */
class GitOpsTenantFolderTest {

    private static final Path GITOPS = Path.of("../../examples/gitops");
    private static final Path TENANT = GITOPS.resolve("tenants/acme");
    private static final Path DEMO = GITOPS.resolve("dev-secrets/acme");
    private static final String WAVE = "argocd.argoproj.io/sync-wave";
    /** The field manager of Argo CD's server-side apply. */
    private static final String ARGOCD = "argocd-controller";
    private static final String TRUSTFABRIC = "trustfabric.io/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    // ------------------------------------------------------------------ the folder as kustomize renders it

    @Test
    @RequiresRealBinaries
    void theTenantFolderRendersEveryObjectInItsWaveAndCommitsNoSecret(ControlPlaneBinaries binaries) {
        List<ObjectNode> objects = render(binaries, TENANT);

        assertThat(objects).extracting(o -> wave(o) + " " + kindAndName(o)).containsExactlyInAnyOrder(
                "-2 Namespace/trust-acme",
                "-1 ConfigMap/acme-customers",
                "0 Tenant/acme",
                "1 PartnerAllowlist/acme-partners",
                "1 PrivacyBudget/acme-partners",
                "2 TrustPolicy/acme-policy");
        assertThat(objects).allSatisfy(o -> {
            assertThat(o.at("/metadata/annotations").has(WAVE)).as(kindAndName(o) + " says its wave").isTrue();
            if (!"Namespace".equals(o.path("kind").asText())) {
                assertThat(o.at("/metadata/namespace").asText()).as(kindAndName(o)).isEqualTo("trust-acme");
            }
        });
        // every data set line is a SHA-256, as normalization email-lowercase-sha256 expects
        String items = objects.stream().filter(o -> "ConfigMap".equals(o.path("kind").asText())).findFirst()
                .orElseThrow().at("/data/emails-sha256.txt").asText();
        assertThat(items.lines().toList()).hasSize(300).allMatch(l -> l.matches("[0-9a-f]{64}"));
    }

    @Test
    @RequiresRealBinaries
    void theDemoOverlayAddsExactlyTheSecretsTheAllowlistNamesWithTheDemoKeysOfItsFiles(ControlPlaneBinaries binaries)
            throws IOException {
        List<ObjectNode> tenant = render(binaries, TENANT);
        List<ObjectNode> demo = render(binaries, DEMO);

        List<ObjectNode> secrets = demo.stream().filter(o -> "Secret".equals(o.path("kind").asText())).toList();
        assertThat(demo).hasSize(tenant.size() + secrets.size());
        assertThat(demo.stream().filter(o -> !"Secret".equals(o.path("kind").asText())).toList())
                .containsExactlyInAnyOrderElementsOf(tenant);
        ObjectNode allowlist = tenant.stream().filter(o -> "PartnerAllowlist".equals(o.path("kind").asText()))
                .findFirst().orElseThrow();
        Map<String, String> referenced = new TreeMap<>();
        allowlist.at("/spec/partners").forEach(p -> referenced.put(
                p.at("/credentials/apiKeySecretRef/name").asText(), p.at("/credentials/apiKeySecretRef/key").asText()));
        assertThat(secrets).extracting(s -> s.at("/metadata/name").asText())
                .containsExactlyInAnyOrderElementsOf(referenced.keySet());
        for (ObjectNode secret : secrets) {
            assertThat(wave(secret)).isEqualTo(-1);
            assertThat(secret.at("/metadata/namespace").asText()).isEqualTo("trust-acme");
            String key = referenced.get(secret.at("/metadata/name").asText());
            String value = new String(Base64.getDecoder().decode(secret.at("/data/" + key).asText()),
                    StandardCharsets.UTF_8);
            assertThat(value).startsWith("demo-").endsWith("-not-a-secret");
            String file = secret.at("/metadata/name").asText().startsWith("globex") ? "partner-api-key.txt"
                    : "initech-api-key.txt";
            assertThat(Files.readString(DEMO.resolve(file)).strip()).isEqualTo(value);
        }
        // the shape shown for production names the same Secrets and is not part of the folder
        List<JsonNode> shapes = documents(Files.readString(TENANT.resolve("secrets.example.yaml")));
        assertThat(shapes).extracting(s -> s.at("/metadata/name").asText())
                .containsExactlyInAnyOrderElementsOf(referenced.keySet());
        assertThat(shapes).allSatisfy(s -> assertThat(s.at("/metadata/annotations").path(WAVE).asText()).isEqualTo("-1"));
        assertThat(documents(Files.readString(TENANT.resolve("kustomization.yaml"))).get(0).path("resources"))
                .extracting(JsonNode::asText).isNotEmpty().doesNotContain("secrets.example.yaml");
    }

    // ------------------------------------------------------------------ Argo CD and Flux point at the folder

    @Test
    void theArgoCdApplicationsAndTheFluxKustomizationSyncTheFolderAsTheReadmeSays() throws IOException {
        JsonNode application = documents(Files.readString(GITOPS.resolve("argocd/application.yaml"))).get(0);
        assertThat(application.path("kind").asText()).isEqualTo("Application");
        Path path = Path.of("../..").resolve(application.at("/spec/source/path").asText());
        assertThat(path.normalize()).isEqualTo(TENANT.normalize());
        assertThat(path.resolve("kustomization.yaml")).exists();
        assertThat(application.at("/spec/destination/namespace").asText()).isEqualTo("trust-acme");
        assertThat(application.at("/spec/syncPolicy/automated/prune").asBoolean()).isTrue();
        assertThat(application.at("/spec/syncPolicy/automated/selfHeal").asBoolean()).isTrue();
        assertThat(application.at("/spec/syncPolicy/syncOptions")).extracting(JsonNode::asText)
                .contains("ServerSideApply=true", "CreateNamespace=false");
        assertThat(application.at("/metadata/annotations").path("argocd.argoproj.io/compare-options").asText())
                .isEqualTo("ServerSideDiff=true");
        assertThat(application.has("ignoreDifferences")).isFalse();
        assertThat(application.at("/metadata/name").asText()).isNotEqualTo("acme");

        JsonNode set = documents(Files.readString(GITOPS.resolve("argocd/applicationset.yaml"))).get(0);
        assertThat(set.path("kind").asText()).isEqualTo("ApplicationSet");
        String pattern = set.at("/spec/generators/0/git/directories/0/path").asText();
        assertThat(pattern).isEqualTo("examples/gitops/tenants/*");
        assertThat(set.at("/spec/template/spec/syncPolicy")).isEqualTo(application.at("/spec/syncPolicy"));
        assertThat(set.at("/spec/template/metadata/annotations")).isEqualTo(application.at("/metadata/annotations"));

        JsonNode flux = documents(Files.readString(GITOPS.resolve("flux/kustomization.yaml"))).get(0);
        assertThat(flux.path("apiVersion").asText()).isEqualTo("kustomize.toolkit.fluxcd.io/v1");
        assertThat(Path.of("../..").resolve(flux.at("/spec/path").asText()).normalize()).isEqualTo(TENANT.normalize());
        assertThat(flux.at("/spec/prune").asBoolean()).isTrue();
        assertThat(flux.at("/spec/wait").asBoolean()).isTrue();
        assertThat(flux.at("/spec/dependsOn")).isNotEmpty();
        assertThat(flux.at("/spec/healthCheckExprs")).extracting(e -> e.path("kind").asText())
                .containsExactlyInAnyOrder("Tenant", "PartnerAllowlist", "TrustPolicy");
    }

    @Test
    void theGitOpsPagesLinkOnlyIntoTheRepositoryAndEveryLinkAndAnchorResolves() throws IOException {
        for (Path page : List.of(GITOPS.resolve("README.md"), Path.of("../../docs/gitops.md"))) {
            String text = Files.readString(page);
            assertThat(text).as(page + " links nowhere outside the repository").doesNotContain("://");
            java.util.regex.Matcher link = java.util.regex.Pattern.compile("\\]\\(([^)\\s]+)\\)").matcher(text);
            int links = 0;
            while (link.find()) {
                links++;
                String target = link.group(1);
                int hash = target.indexOf('#');
                Path file = hash == 0 ? page : page.getParent().resolve(hash < 0 ? target : target.substring(0, hash));
                assertThat(file).as(page + " -> " + target).exists();
                if (hash >= 0) {
                    String anchor = target.substring(hash + 1);
                    assertThat(Files.readString(file).lines().filter(l -> l.startsWith("#"))
                            .map(GitOpsTenantFolderTest::slug).toList()).as(page + " -> " + target).contains(anchor);
                }
            }
            assertThat(links).as(page.toString()).isPositive();
        }
    }

    /** The anchor GitHub gives a Markdown heading. */
    private static String slug(String heading) {
        return heading.replaceFirst("^#+\\s*", "").strip().toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    // ------------------------------------------------------------------ a sync, wave by wave, and a second one

    @Test
    @RealKubernetes
    void aWaveByWaveServerSideApplySyncsTheFolderThroughTheWebhookAndASecondSyncChangesNothing(TestCluster real)
            throws Exception {
        withOperatorAndWebhook(real, Sync::inWavesThenAgain);
    }

    @Test
    @RealKubernetes
    void appliedInOnePassAsFluxAppliesItTheFolderIsAdmittedWithWarningsAtMostAndConverges(TestCluster real)
            throws Exception {
        withOperatorAndWebhook(real, Sync::inOnePass);
    }

    private interface SyncRun {
        void run(Sync sync) throws Exception;
    }

    /** The operator as the chart runs it, with the chart's ValidatingWebhookConfiguration calling its webhook. */
    private static void withOperatorAndWebhook(TestCluster real, SyncRun run) throws Exception {
        int port = FreePort.pick();
        real.ensureNamespace(ChartRbac.RELEASE_NAMESPACE);
        try (RealCluster cluster = RealCluster.start(real, OperatorSettings.local()
                .withWebhook(WebhookSettings.loopback(port, ChartWebhook.NAME)))) {
            ChartWebhook.register(real.admin(), port);
            try {
                run.run(new Sync(real, cluster));
            } finally {
                ChartWebhook.remove(real.admin());
            }
        }
    }

    /** One test's sync: the folder rendered into the operator's namespace, then applied as Argo CD applies it. */
    private static final class Sync {
        private final TestCluster real;
        private final RealCluster cluster;
        private final String ns;

        Sync(TestCluster real, RealCluster cluster) {
            this.real = real;
            this.cluster = cluster;
            this.ns = cluster.namespace();
        }

        void inWavesThenAgain() throws Exception {
            // the operator is installed and running before any tenant is synced: its webhook answers, the built-in
            // macros are accepted
            awaitWebhookLive();
            awaitBuiltInsAccepted();

            // The test operator watches a fresh namespace: an overlay moves the demo folder there with kustomize's
            // namespace field, which renames the Namespace object too (as a platform team stamps out a copy).
            List<ObjectNode> objects = renderInto(ns);
            assertThat(objects).extracting(GitOpsTenantFolderTest::kindAndName).contains("Namespace/" + ns,
                    "Secret/globex-api-key", "Secret/initech-api-key", "TrustPolicy/acme-policy");
            TreeMap<Integer, List<ObjectNode>> waves = objects.stream().collect(Collectors.groupingBy(
                    GitOpsTenantFolderTest::wave, TreeMap::new, Collectors.toList()));
            assertThat(waves.keySet()).containsExactly(-2, -1, 0, 1, 2);

            Map<String, Double> reviewsBefore = reviews();
            for (Map.Entry<Integer, List<ObjectNode>> wave : waves.entrySet()) {
                Kubectl applied = apply(wave.getValue(), false);
                assertThat(applied.exitCode()).as("wave " + wave.getKey() + ": " + applied.stderr()).isZero();
                // no lint finding of the webhook, no warning of the API server
                assertThat(applied.stderr()).as("wave " + wave.getKey()).doesNotContain("Warning");
                for (ObjectNode object : wave.getValue()) {
                    awaitHealthy(object);
                }
            }
            Map<String, Double> reviewsAfter = reviews();
            for (String kind : List.of("Tenant", "PartnerAllowlist", "PrivacyBudget", "TrustPolicy")) {
                assertThat(delta(reviewsBefore, reviewsAfter, kind, "admitted")).as(kind + " admitted by the webhook")
                        .isGreaterThanOrEqualTo(1);
                for (String verdict : List.of("refused", "failed", "skipped")) {
                    assertThat(delta(reviewsBefore, reviewsAfter, kind, verdict)).as(kind + " " + verdict).isZero();
                }
            }

            assertEverythingWorks(objects);
            assertLiveEqualsGit(objects);

            // --- a second sync of the same commit (Argo CD's next sync, or selfHeal) ---
            Map<String, Snapshot> before = new LinkedHashMap<>();
            objects.forEach(o -> before.put(kindAndName(o), Snapshot.of(live(o))));

            // Server-Side Diff: a dry-run apply of Git predicts the live objects exactly
            Kubectl diff = apply(objects, true);
            assertThat(diff.exitCode()).as(diff.stderr()).isZero();
            assertThat(diff.stderr()).doesNotContain("Warning");
            JsonNode predicted = JSON.readTree(diff.stdout());
            assertThat(predicted.path("items")).hasSize(objects.size());
            for (JsonNode item : predicted.path("items")) {
                JsonNode live = live(item);
                assertThat(comparable(item)).as("server-side diff of " + kindAndName(item))
                        .isEqualTo(comparable(live));
            }

            for (Map.Entry<Integer, List<ObjectNode>> wave : waves.entrySet()) {
                Kubectl applied = apply(wave.getValue(), false);
                assertThat(applied.exitCode()).as("second sync, wave " + wave.getKey() + ": " + applied.stderr())
                        .isZero();
                assertThat(applied.stderr()).doesNotContain("Warning");
                for (ObjectNode object : wave.getValue()) {
                    awaitHealthy(object);
                }
            }
            for (ObjectNode object : objects) {
                Snapshot after = Snapshot.of(live(object));
                Snapshot first = before.get(kindAndName(object));
                assertThat(after.generation()).as(kindAndName(object) + " generation").isEqualTo(first.generation());
                assertThat(after.argoCdFields()).as(kindAndName(object) + " fields of " + ARGOCD)
                        .isEqualTo(first.argoCdFields());
                if (!object.path("apiVersion").asText().startsWith(TRUSTFABRIC)) {
                    // nobody but the sync writes these: an unchanged resourceVersion means no write at all
                    assertThat(after.resourceVersion()).as(kindAndName(object) + " resourceVersion")
                            .isEqualTo(first.resourceVersion());
                }
            }
            // an unchanged spec never reaches the webhook (the chart's matchConditions), and nothing recompiles
            assertThat(reviews()).isEqualTo(reviewsAfter);
            JsonNode policy = live(find(objects, "TrustPolicy"));
            assertThat(policy.at("/status/revision").asLong()).isEqualTo(1);
            assertThat(policy.at("/status/timeline")).hasSize(1);
            assertLiveEqualsGit(objects);
        }

        /**
         * No waves: every object in one apply, in kustomize's order (the allowlist and the budget before their Tenant),
         * as Flux or {@code kubectl apply -k} apply the folder. The webhook may only warn about what is missing yet;
         * then everything converges without a second apply.
         */
        void inOnePass() throws Exception {
            awaitWebhookLive();
            awaitBuiltInsAccepted();
            List<ObjectNode> objects = renderInto(ns);

            Kubectl applied = apply(objects, false);
            assertThat(applied.exitCode()).as(applied.stderr()).isZero();
            List<String> warnings = applied.stderr().lines().filter(l -> l.contains("Warning")).toList();
            // the allowlist arrives before its Tenant: admitted, with the warning that says so
            assertThat(warnings).isNotEmpty().allSatisfy(w -> assertThat(w).containsAnyOf("tenant-not-found",
                    "macro-pending")).anySatisfy(w -> assertThat(w).contains("tenant-not-found"));
            for (ObjectNode object : objects) {
                awaitHealthy(object);
            }
            assertEverythingWorks(objects);
            assertLiveEqualsGit(objects);
        }

        private void awaitBuiltInsAccepted() {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                PolicyMacro macro = real.admin().resources(PolicyMacro.class).withName("residency-v1").get();
                return macro != null && macro.getStatus() != null && Boolean.TRUE.equals(macro.getStatus().getAccepted());
            });
        }

        /** What the sync must have achieved: a tenant that serves, governed by its policy, with its partners. */
        private void assertEverythingWorks(List<ObjectNode> objects) {
            JsonNode tenant = live(find(objects, "Tenant"));
            assertThat(condition(tenant, "Ready").path("reason").asText()).isEqualTo("WorkersAvailable");
            assertThat(tenant.at("/status/endpoint").asText()).isEqualTo("http://acme-psi." + ns + ".svc:8080");
            JsonNode policyReady = await().until(() -> condition(live(find(objects, "Tenant")), "PolicyReady"),
                    c -> "PolicyEnforced".equals(c.path("reason").asText()));
            assertThat(policyReady.path("message").asText()).contains("acme-policy", "revision 1");

            JsonNode allowlist = live(find(objects, "PartnerAllowlist"));
            assertThat(allowlist.at("/status/activePartners").asInt()).isEqualTo(2);
            assertThat(condition(allowlist, "CredentialsResolved").path("status").asText()).isEqualTo("True");

            JsonNode policy = live(find(objects, "TrustPolicy"));
            assertThat(policy.at("/status/revision").asLong()).isEqualTo(1);
            assertThat(policy.at("/status/findings")).isEmpty();
            assertThat(condition(policy, "Compiled").path("status").asText()).isEqualTo("True");
            assertThat(condition(policy, "Ready").path("reason").asText()).isEqualTo("BundlePublished");
            // docs/policies.md: `by` is the field manager of the write, here Argo CD's
            assertThat(policy.at("/status/timeline/0/by").asText()).isEqualTo(ARGOCD);
            // the one thing the operator adds outside status (README.md: nothing to ignore in diffs)
            assertThat(policy.at("/metadata/finalizers")).extracting(JsonNode::asText)
                    .containsExactly("trustpolicies.trustfabric.io/finalizer");
            for (String kind : List.of("Tenant", "PartnerAllowlist", "PrivacyBudget")) {
                assertThat(live(find(objects, kind)).at("/metadata/finalizers")).as(kind).isEmpty();
            }
        }

        /**
         * Every object is in the cluster exactly as in Git: no field defaulted by the CRDs, nothing added by the
         * operator to a spec. This is what any Argo CD diff strategy compares.
         */
        private void assertLiveEqualsGit(List<ObjectNode> objects) {
            for (ObjectNode object : objects) {
                JsonNode live = live(object);
                String what = kindAndName(object);
                switch (object.path("kind").asText()) {
                    case "Namespace" -> assertThat(labels(live)).as(what).containsAllEntriesOf(labels(object));
                    case "ConfigMap", "Secret" -> assertThat(normalized(live.path("data"))).as(what)
                            .isEqualTo(normalized(object.path("data")));
                    default -> assertThat(normalized(live.path("spec"))).as(what)
                            .isEqualTo(normalized(object.path("spec")));
                }
                assertThat(normalized(live.at("/metadata/annotations"))).as(what + " annotations")
                        .isEqualTo(normalized(object.at("/metadata/annotations")));
                if (!"Namespace".equals(object.path("kind").asText())) {
                    // (the API server labels a Namespace with its name)
                    assertThat(labels(live)).as(what + " labels").isEqualTo(labels(object));
                }
                if (object.path("apiVersion").asText().startsWith(TRUSTFABRIC)) {
                    assertThat(live.at("/status/observedGeneration").asLong()).as(what + " observedGeneration")
                            .isEqualTo(live.at("/metadata/generation").asLong());
                }
            }
        }

        /**
         * Waits as Argo CD waits before the next wave: until the object is healthy. For the trustfabric.io kinds that
         * is what their conditions say (the health checks of docs/gitops.md); the workers come up as a Deployment
         * controller would bring them up.
         */
        private void awaitHealthy(ObjectNode object) {
            String kind = object.path("kind").asText();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                if ("Tenant".equals(kind)) {
                    workersComeUp();
                }
                JsonNode live = live(object);
                return live != null && healthy(kind, live);
            });
        }

        private void workersComeUp() {
            Deployment workers = cluster.deployment("acme-psi");
            if (workers != null && (workers.getStatus() == null || workers.getStatus().getObservedGeneration() == null
                    || !workers.getStatus().getObservedGeneration().equals(workers.getMetadata().getGeneration()))) {
                int replicas = workers.getSpec().getReplicas() == null ? 1 : workers.getSpec().getReplicas();
                cluster.setDeploymentStatus("acme-psi", replicas, replicas);
            }
        }

        private static boolean healthy(String kind, JsonNode live) {
            boolean observed = live.at("/status/observedGeneration").asLong(-1) == live.at("/metadata/generation").asLong();
            return switch (kind) {
                case "Namespace" -> "Active".equals(live.at("/status/phase").asText());
                case "Tenant", "PartnerAllowlist" -> observed && isTrue(live, "Ready");
                case "PrivacyBudget" -> observed && isTrue(live, "Available");
                case "TrustPolicy" -> observed && isTrue(live, "Compiled") && isTrue(live, "Ready");
                default -> true;
            };
        }

        private List<ObjectNode> renderInto(String namespace) throws IOException {
            Path overlay = Path.of("target", "gitops-sync", namespace).toAbsolutePath();
            Files.createDirectories(overlay);
            String folder = overlay.relativize(DEMO.toAbsolutePath().normalize()).toString();
            Files.writeString(overlay.resolve("kustomization.yaml"), """
                    apiVersion: kustomize.config.k8s.io/v1beta1
                    kind: Kustomization
                    namespace: %s
                    resources:
                      - %s
                    """.formatted(namespace, folder));
            return render(real.controlPlane().binaries(), overlay);
        }

        /** kubectl apply --server-side as Argo CD's ServerSideApply=true sync (or its Server-Side Diff) runs it. */
        private Kubectl apply(List<ObjectNode> objects, boolean dryRun) throws IOException {
            Path file = Files.createTempFile(Path.of("target"), "gitops-wave", ".yaml");
            try {
                StringBuilder yaml = new StringBuilder();
                for (ObjectNode object : objects) {
                    yaml.append("---\n").append(YAML.writeValueAsString(object).replaceFirst("^---\\s*\\n", ""));
                }
                Files.writeString(file, yaml.toString());
                List<String> args = new ArrayList<>(List.of("--kubeconfig=" + real.kubeconfig(), "apply",
                        "--server-side", "--field-manager=" + ARGOCD, "--force-conflicts", "-f", file.toString()));
                if (dryRun) {
                    args.addAll(List.of("--dry-run=server", "-o", "json"));
                }
                return Kubectl.run(real.controlPlane().binaries(), args);
            } finally {
                Files.deleteIfExists(file);
            }
        }

        private JsonNode live(JsonNode object) {
            String kind = object.path("kind").asText();
            String name = object.at("/metadata/name").asText();
            var resources = real.admin().genericKubernetesResources(object.path("apiVersion").asText(), kind);
            GenericKubernetesResource found = "Namespace".equals(kind) ? resources.withName(name).get()
                    : resources.inNamespace(ns).withName(name).get();
            if (found == null) {
                return null;
            }
            try {
                return JSON.readTree(real.admin().getKubernetesSerialization().asJson(found));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Until a dry-run of a policy with an unknown macro is refused by the linter: the API server calls it. */
        private void awaitWebhookLive() {
            await().until(() -> ChartWebhook.hasCaBundle(real.admin(), cluster.operator().webhookCaBundle()));
            TrustPolicy probe = new TrustPolicy();
            probe.setMetadata(new ObjectMetaBuilder().withName("webhook-probe").build());
            TrustPolicySpec spec = new TrustPolicySpec();
            spec.setTenantRef("acme");
            PolicyRule rule = new PolicyRule();
            rule.setName("probe");
            rule.setMacro("no-such-macro@v1");
            spec.setRules(new ArrayList<>(List.of(rule)));
            probe.setSpec(spec);
            await().ignoreExceptions().until(() -> {
                try {
                    real.admin().resources(TrustPolicy.class).inNamespace(ns).resource(probe).dryRun().create();
                    return false;
                } catch (KubernetesClientException e) {
                    return e.getCode() == 422 && e.getMessage().contains("[unknown-macro]");
                }
            });
        }

        /** trustfabric_admission_reviews_total by kind and verdict, from the operator's /metrics. */
        private Map<String, Double> reviews() throws Exception {
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + cluster.operator().httpPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Map<String, Double> out = new TreeMap<>();
            metrics.lines().filter(l -> l.startsWith(AdmissionMetrics.REVIEWS + "{")).forEach(l -> out.put(
                    l.substring(0, l.lastIndexOf(' ')), Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))));
            return out;
        }

        private static double delta(Map<String, Double> before, Map<String, Double> after, String kind, String verdict) {
            return sum(after, kind, verdict) - sum(before, kind, verdict);
        }

        private static double sum(Map<String, Double> reviews, String kind, String verdict) {
            return reviews.entrySet().stream().filter(e -> e.getKey().contains("kind=\"" + kind + "\"")
                            && e.getKey().contains("verdict=\"" + verdict + "\""))
                    .mapToDouble(Map.Entry::getValue).sum();
        }
    }

    /** What a second sync must not move: the generation, the fields Argo CD owns, and the resourceVersion. */
    private record Snapshot(long generation, String resourceVersion, JsonNode argoCdFields) {
        static Snapshot of(JsonNode live) {
            JsonNode fields = null;
            for (JsonNode entry : live.at("/metadata/managedFields")) {
                if (ARGOCD.equals(entry.path("manager").asText()) && "Apply".equals(entry.path("operation").asText())) {
                    fields = entry;
                }
            }
            assertThat(fields).as(kindAndName(live) + " has fields applied by " + ARGOCD).isNotNull();
            return new Snapshot(live.at("/metadata/generation").asLong(), live.at("/metadata/resourceVersion").asText(),
                    fields);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The real kubectl's kustomize, as Argo CD's repo server and Flux's kustomize-controller build the folder. */
    static List<ObjectNode> render(ControlPlaneBinaries binaries, Path folder) {
        Kubectl rendered = Kubectl.run(binaries, List.of("kustomize", folder.toString()));
        assertThat(rendered.exitCode()).as("kubectl kustomize " + folder + ": " + rendered.stderr()).isZero();
        return documents(rendered.stdout()).stream().map(ObjectNode.class::cast).toList();
    }

    static List<JsonNode> documents(String yaml) {
        try {
            List<JsonNode> out = new ArrayList<>();
            YAML.readerFor(JsonNode.class).readValues(yaml).forEachRemaining(d -> {
                if (d instanceof ObjectNode o && !o.isEmpty()) {
                    out.add(o);
                }
            });
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int wave(JsonNode object) {
        String wave = object.at("/metadata/annotations").path(WAVE).asText("0");
        return Integer.parseInt(wave.isEmpty() ? "0" : wave);
    }

    static String kindAndName(JsonNode object) {
        return object.path("kind").asText() + "/" + object.at("/metadata/name").asText();
    }

    private static ObjectNode find(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).findFirst().orElseThrow();
    }

    private static JsonNode condition(JsonNode live, String type) {
        for (JsonNode c : live.at("/status/conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c;
            }
        }
        return JSON.missingNode();
    }

    private static boolean isTrue(JsonNode live, String type) {
        return "True".equals(condition(live, type).path("status").asText());
    }

    private static Map<String, String> labels(JsonNode object) {
        Map<String, String> out = new TreeMap<>();
        object.at("/metadata/labels").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** The same tree whatever the numbers' Java types were (YAML and the API server's JSON differ there). */
    private static JsonNode normalized(JsonNode node) {
        try {
            return JSON.readTree(JSON.writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An object without what changes on every read or write: status (the operator's) and write bookkeeping. */
    private static JsonNode comparable(JsonNode object) {
        ObjectNode copy = (ObjectNode) normalized(object);
        copy.remove("status");
        ObjectNode metadata = (ObjectNode) copy.path("metadata");
        metadata.remove(List.of("managedFields", "resourceVersion"));
        return copy;
    }

    /** What the real kubectl printed, standard output and standard error apart. */
    record Kubectl(int exitCode, String stdout, String stderr) {
        static Kubectl run(ControlPlaneBinaries binaries, List<String> args) {
            List<String> command = new ArrayList<>(List.of(binaries.kubectl().toString()));
            command.addAll(args);
            try {
                Process process = new ProcessBuilder(command).start();
                process.getOutputStream().close();
                CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
                String stdout = read(process.getInputStream());
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("kubectl timed out: " + command);
                }
                return new Kubectl(process.exitValue(), stdout, stderr.join());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static String read(java.io.InputStream in) {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
