package io.trustfabric.operator.admission;

import static io.trustfabric.operator.OperatorCluster.await;
import static io.trustfabric.operator.admission.AdmissionClients.Kubectl;
import static io.trustfabric.operator.admission.AdmissionClients.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.trustfabric.api.v1alpha1.PolicyMacro;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.controlplane.FreePort;
import io.trustfabric.operator.ChartRbac;
import io.trustfabric.operator.ChartWebhook;
import io.trustfabric.operator.OperatorSettings;
import io.trustfabric.operator.RealCluster;
import io.trustfabric.operator.macro.BuiltInMacros;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.RepositoryRoot;
import io.trustfabric.testsupport.TestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every manifest under examples/ on the real API server (docs/development.md, "The real control plane and OPA in the
 * build").
 *
 * <p>First without the operator: each example's Namespaces are created for real and every other object is sent with
 * server-side apply as a dry run, so the API server validates it completely (schema and CEL rules of the CRDs,
 * Secrets, ConfigMaps) and stores nothing.
 *
 * <p>Then as a user applies them to a cluster with the operator installed: the operator (the chart's service account
 * and RBAC, watching every namespace) serves its admission webhook through the chart's ValidatingWebhookConfiguration,
 * and each example folder is applied with {@code kubectl apply -f FILE}, file by file in name order as
 * {@code kubectl apply -f examples/NAME/} does, for real: a dry run would not store the Tenant, and the objects that
 * name it would then be linted as {@code tenant-not-found}. The warnings kubectl prints for the folder must be exactly
 * those its README announces, and the operator's admission metrics must show that the webhook linted every Trust
 * Fabric object (its failurePolicy for Tenants, PartnerAllowlists and PrivacyBudgets is Ignore, so a webhook that is
 * not called would also mean no warnings). An example's namespaces are deleted before it is applied (quickstart and
 * budgets share the namespace trust).
 */
class ExamplesOnApiServerTest {

    private static final Path EXAMPLES = RepositoryRoot.find().resolve("examples");
    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final String FIELD_MANAGER = "trust-fabric-examples-test";
    private static final String GROUP = "trustfabric.io";

    /**
     * Lint findings the webhook makes but does not return as warnings (severity info), by example:
     * "Kind code severity" to how many. examples/limited-ga keeps an expired partner on purpose.
     */
    private static final Map<String, Map<String, Integer>> INFO_FINDINGS = Map.of(
            "limited-ga", Map.of("PartnerAllowlist partner-expired info", 1));

    @Test
    @RealKubernetes
    void everyObjectOfEveryExampleIsAcceptedByAServerSideDryRun(TestCluster real) {
        ChartWebhook.remove(real.admin());
        List<Example> examples = examples();
        try {
            for (Example example : examples) {
                dryRun(real, example);
            }
        } finally {
            deleteNamespaces(real.admin(), examples);
        }
    }

    private static void dryRun(TestCluster real, Example example) {
        List<String> refused = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        AdmissionClients.WarningRecorder recorder = new AdmissionClients.WarningRecorder();
        try (KubernetesClient client = recorder.adminClient(real)) {
            example.namespaces().forEach(ns -> client.resource(ns.object()).fieldManager(FIELD_MANAGER)
                    .serverSideApply());
            for (Manifest manifest : example.manifests()) {
                if (manifest.isNamespace()) {
                    continue;
                }
                recorder.clear();
                try {
                    client.resource(manifest.object()).dryRun().fieldManager(FIELD_MANAGER).serverSideApply();
                } catch (KubernetesClientException e) {
                    refused.add(manifest + ": " + serverMessage(e));
                }
                recorder.warnings().forEach(w -> warnings.add(manifest + ": " + w));
            }
        }

        assertThat(refused).as("objects of examples/%s the API server refused", example.name()).isEmpty();
        assertThat(warnings).as("warnings the API server returned for examples/%s", example.name()).isEmpty();
        for (Manifest manifest : example.manifests()) {
            if (!manifest.isNamespace()) {
                assertThat(real.admin().resource(manifest.object()).get()).as("dry run: %s not stored", manifest)
                        .isNull();
            }
        }
        System.out.printf("[examples] %s: %d namespace(s) created, %d objects accepted by a server-side dry run %s%n",
                example.name(), example.namespaces().size(), example.manifests().size() - example.namespaces().size(),
                kinds(example));
    }

    @Test
    @RealKubernetes
    void appliedWithKubectlEachExampleGetsExactlyTheWarningsItsReadmeAnnounces(TestCluster real) throws Exception {
        int port = FreePort.pick();
        real.ensureNamespace(ChartRbac.RELEASE_NAMESPACE);
        real.admin().secrets().inNamespace(ChartRbac.RELEASE_NAMESPACE).withName(WebhookTlsSecret.NAME).delete();
        List<Example> examples = examples();
        deleteNamespaces(real.admin(), examples);
        try (RealCluster cluster = RealCluster.startWatchingAllNamespaces(real, OperatorSettings.local()
                .withWebhook(WebhookSettings.loopback(port, ChartWebhook.NAME)))) {
            ChartWebhook.register(real.admin(), port);
            try {
                await().until(() -> ChartWebhook.hasCaBundle(real.admin(), cluster.operator().webhookCaBundle()));
                awaitBuiltInMacrosAccepted(real.admin());
                // the API server calls the webhook once it has seen the caBundle: retry a dry-run write until it does
                await().ignoreExceptions().until(() -> {
                    real.admin().resources(TrustPolicy.class).inNamespace(cluster.namespace())
                            .resource(policy("webhook-live", "cap")).dryRun().create();
                    return reviews(cluster).containsKey("TrustPolicy admitted");
                });
                for (Example example : examples) {
                    deleteNamespaces(real.admin(), List.of(example));    // quickstart and budgets share trust
                    applyWithKubectl(real, cluster, example);
                }
            } finally {
                try {
                    deleteNamespaces(real.admin(), examples);             // while the operator removes its finalizers
                } finally {
                    ChartWebhook.remove(real.admin());
                }
            }
        }
    }

    @Test
    void aReadmeAnnouncesNoWarningsOrListsThem(@TempDir Path dir) throws IOException {
        Example example = new Example("demo", dir.resolve("demo"), List.of());
        Files.createDirectories(example.folder());
        Path readme = example.folder().resolve("README.md");

        Files.writeString(readme, "Then `kubectl apply -f examples/demo/`\nprints no warnings.\n");
        assertThat(announcedWarnings(example)).isEmpty();

        Files.writeString(readme, """
                `kubectl apply -f examples/demo/` prints these
                warnings:

                ```text
                Warning: membership-probing: spec.rules[0].with.minSetSize: a minimum of 2 lets a partner probe
                ```
                """);
        assertThat(announcedWarnings(example))
                .containsExactly("membership-probing: spec.rules[0].with.minSetSize: a minimum of 2 lets a partner probe");

        Files.writeString(readme, "`kubectl apply -f examples/demo/` is quiet.\n");
        assertThatThrownBy(() -> announcedWarnings(example)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("examples/demo/README.md says what `kubectl apply -f examples/demo/` warns about");
    }

    private static void applyWithKubectl(TestCluster real, RealCluster cluster, Example example) throws Exception {
        List<String> expected = announcedWarnings(example);
        Map<String, Integer> reviewsBefore = reviews(cluster);
        Map<String, Integer> findingsBefore = findings(cluster);
        Map<String, List<String>> warningsByFile = new LinkedHashMap<>();
        for (Path file : example.files()) {
            Kubectl kubectl = Kubectl.run(real, "", "apply", "-f", file.toString());
            assertThat(kubectl.exitCode()).as("kubectl apply -f %s:%n%s%s", EXAMPLES.relativize(file),
                    kubectl.stdout(), kubectl.stderr()).isZero();
            List<String> warnings = kubectl.stderr().lines().filter(l -> l.startsWith("Warning: "))
                    .map(l -> l.substring("Warning: ".length())).toList();
            warningsByFile.put(EXAMPLES.relativize(file).toString(), warnings);
        }
        Map<String, Integer> reviews = difference(reviews(cluster), reviewsBefore);
        Map<String, Integer> findings = difference(findings(cluster), findingsBefore);

        List<String> warnings = warningsByFile.values().stream().flatMap(List::stream).toList();
        assertThat(warnings).as("warnings of kubectl apply -f examples/%s/ by file: %s; README announces: %s",
                example.name(), warningsByFile, expected).isEqualTo(expected);
        assertThat(reviews).as("admission reviews of examples/%s by kind and verdict", example.name())
                .isEqualTo(example.trustFabricKinds().entrySet().stream().collect(Collectors.toMap(
                        e -> e.getKey() + " admitted", Map.Entry::getValue, Integer::sum, TreeMap::new)));
        Map<String, Integer> infoFindings = new TreeMap<>();
        findings.forEach((key, count) -> {
            String[] labels = key.split(" ");    // kind code severity verdict
            if ("info".equals(labels[2])) {
                infoFindings.merge(labels[0] + " " + labels[1] + " info", count, Integer::sum);
            }
        });
        assertThat(infoFindings).as("info findings of examples/%s (not returned as warnings)", example.name())
                .isEqualTo(new TreeMap<>(INFO_FINDINGS.getOrDefault(example.name(), Map.of())));
        System.out.printf("[examples] kubectl apply -f examples/%s/: %d objects created, webhook reviews %s, "
                        + "warnings %s, info findings not returned %s%n", example.name(),
                example.manifests().size(), reviews, warnings, infoFindings);
    }

    /**
     * What the example's README says {@code kubectl apply -f examples/NAME/} prints as warnings: none when it says
     * "`kubectl apply -f examples/NAME/` prints no warnings"; otherwise the {@code Warning: } lines of the text
     * block after "`kubectl apply -f examples/NAME/` prints these warnings:".
     */
    static List<String> announcedWarnings(Example example) {
        String readme;
        try {
            readme = Files.readString(example.folder().resolve("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String command = "`kubectl apply -f examples/" + example.name() + "/`";
        if (phrase(command + " prints no warnings").matcher(readme).find()) {
            return List.of();
        }
        Matcher listed = Pattern.compile(phrase(command + " prints these warnings:").pattern()
                + "\\s*```text\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(listed.find()).as("examples/%s/README.md says what %s warns about: \"%s prints no warnings\", or "
                + "\"%s prints these warnings:\" and a text block", example.name(), command, command, command)
                .isTrue();
        return listed.group(1).lines().filter(l -> l.startsWith("Warning: "))
                .map(l -> l.substring("Warning: ".length())).toList();
    }

    /** The words of the phrase, separated by any white space (a README wraps its lines anywhere). */
    private static Pattern phrase(String words) {
        return Pattern.compile(Stream.of(words.split(" ")).map(Pattern::quote).collect(Collectors.joining("\\s+")));
    }

    /** The webhook's reviews so far, by "kind verdict" (AdmissionMetrics). */
    private static Map<String, Integer> reviews(RealCluster cluster) throws Exception {
        return metric(cluster, AdmissionMetrics.REVIEWS, "kind", "verdict");
    }

    /** The lint findings the webhook made so far, by "kind code severity verdict" (AdmissionMetrics). */
    private static Map<String, Integer> findings(RealCluster cluster) throws Exception {
        return metric(cluster, AdmissionMetrics.FINDINGS, "kind", "code", "severity", "verdict");
    }

    /** Counter values of the operator's /metrics, by the values of the labels, in that order, joined with spaces. */
    private static Map<String, Integer> metric(RealCluster cluster, String name, String... labels) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + cluster.operator().httpPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Pattern label = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");
        Map<String, Integer> values = new TreeMap<>();
        metrics.lines().filter(line -> line.startsWith(name + "{")).forEach(line -> {
            Matcher m = label.matcher(line.substring(0, line.indexOf('}')));
            Map<String, String> found = new LinkedHashMap<>();
            while (m.find()) {
                found.put(m.group(1), m.group(2));
            }
            values.put(Stream.of(labels).map(found::get).collect(Collectors.joining(" ")),
                    (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
        });
        return values;
    }

    private static Map<String, Integer> difference(Map<String, Integer> after, Map<String, Integer> before) {
        Map<String, Integer> difference = new TreeMap<>();
        after.forEach((key, value) -> {
            int delta = value - before.getOrDefault(key, 0);
            if (delta != 0) {
                difference.put(key, delta);
            }
        });
        return difference;
    }

    private static void awaitBuiltInMacrosAccepted(KubernetesClient admin) {
        for (PolicyMacro macro : BuiltInMacros.shipped().objects()) {
            await().until(() -> admin.resources(PolicyMacro.class).withName(macro.getMetadata().getName()).get(),
                    m -> m != null && m.getStatus() != null && Boolean.TRUE.equals(m.getStatus().getAccepted()));
        }
    }

    /** Deletes the examples' namespaces (and so everything in them) and waits until they are gone. */
    private static void deleteNamespaces(KubernetesClient admin, List<Example> examples) {
        List<String> names = examples.stream().flatMap(e -> e.namespaces().stream())
                .map(ns -> ns.object().getMetadata().getName()).distinct().toList();
        names.forEach(name -> admin.namespaces().withName(name).delete());
        for (String name : names) {
            await().atMost(Duration.ofSeconds(90)).until(() -> admin.namespaces().withName(name).get() == null);
        }
    }

    private static String serverMessage(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return "HTTP " + e.getCode() + " " + e.getStatus().getMessage();
        }
        return e.getMessage();
    }

    private static Map<String, Integer> kinds(Example example) {
        return example.manifests().stream().filter(m -> !m.isNamespace())
                .collect(Collectors.groupingBy(m -> m.object().getKind(), TreeMap::new, Collectors.summingInt(m -> 1)));
    }

    /**
     * examples/gitops is a kustomize folder, not a folder to {@code kubectl apply -f}: GitOpsTenantFolderTest renders
     * it with the real {@code kubectl kustomize} and syncs it wave by wave through the webhook; its Argo CD and Flux
     * manifests need those tools' CRDs, which a bare API server does not have.
     */
    static final Path APPLIED_ELSEWHERE = EXAMPLES.resolve("gitops");

    /** What the chart's ValidatingWebhookConfiguration sends to the webhook; WhatIfScenario and CanaryLane are not. */
    static final java.util.Set<String> REVIEWED_KINDS = java.util.Set.of("TrustPolicy", "PolicyMacro", "Tenant",
            "PartnerAllowlist", "PrivacyBudget");

    /**
     * Every folder under examples/ that holds manifests (.yaml, .yml), with its manifests in path order: a folder
     * inside an example (examples/what-if/scenarios) belongs to it and comes after its own files, as its README
     * applies it after them.
     */
    static List<Example> examples() {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            Map<Path, List<Path>> byFolder = files.filter(Files::isRegularFile)
                    .filter(f -> !f.startsWith(APPLIED_ELSEWHERE))
                    .filter(f -> f.getFileName().toString().matches(".*\\.ya?ml$"))
                    .collect(Collectors.groupingBy(ExamplesOnApiServerTest::exampleFolder, TreeMap::new,
                            Collectors.toList()));
            List<Example> examples = byFolder.entrySet().stream()
                    .map(e -> new Example(EXAMPLES.relativize(e.getKey()).toString(), e.getKey(),
                            e.getValue().stream().sorted().toList())).toList();
            assertThat(examples).as("example folders").hasSizeGreaterThanOrEqualTo(4);
            return examples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path exampleFolder(Path file) {
        return EXAMPLES.resolve(EXAMPLES.relativize(file).getName(0));
    }

    /** One example folder: its name under examples/ and its manifest files in name order. */
    record Example(String name, Path folder, List<Path> files) {

        List<Manifest> manifests() {
            List<Manifest> manifests = new ArrayList<>();
            for (Path file : files) {
                String content;
                try {
                    content = Files.readString(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                for (String document : DOCUMENT_SEPARATOR.split(content)) {
                    if (document.lines().allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"))) {
                        continue;
                    }
                    manifests.add(new Manifest(EXAMPLES.relativize(file),
                            YAML.unmarshal(document, GenericKubernetesResource.class)));
                }
            }
            return manifests;
        }

        List<Manifest> namespaces() {
            return manifests().stream().filter(Manifest::isNamespace).toList();
        }

        /** How many objects of each trustfabric.io kind the example holds. */
        /** The kinds the chart's webhook reviews (templates/webhook.yaml), by how many of each the example holds. */
        Map<String, Integer> trustFabricKinds() {
            return manifests().stream().filter(m -> m.object().getApiVersion().startsWith(GROUP + "/"))
                    .filter(m -> REVIEWED_KINDS.contains(m.object().getKind()))
                    .collect(Collectors.groupingBy(m -> m.object().getKind(), TreeMap::new,
                            Collectors.summingInt(m -> 1)));
        }
    }

    /** One object of an example file. */
    record Manifest(Path file, HasMetadata object) {

        boolean isNamespace() {
            return "Namespace".equals(object.getKind()) && "v1".equals(object.getApiVersion());
        }

        @Override
        public String toString() {
            String namespace = object.getMetadata().getNamespace();
            return file + ": " + object.getKind() + " " + (namespace == null ? "" : namespace + "/")
                    + object.getMetadata().getName();
        }
    }
}
