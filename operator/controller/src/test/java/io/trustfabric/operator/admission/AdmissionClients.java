package io.trustfabric.operator.admission;

import static io.trustfabric.operator.OperatorCluster.await;

import com.fasterxml.jackson.databind.node.IntNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.trustfabric.api.v1alpha1.PolicyRule;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.api.v1alpha1.TrustPolicySpec;
import io.trustfabric.testsupport.TestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** What a policy author uses against the test cluster: a Fabric8 client that keeps the API server's warnings, kubectl. */
final class AdmissionClients {

    private AdmissionClients() {
    }

    /** A TrustPolicy for tenant acme with one set-size-cap rule per name. */
    static TrustPolicy policy(String name, String... ruleNames) {
        TrustPolicy policy = new TrustPolicy();
        policy.setMetadata(new ObjectMetaBuilder().withName(name).build());
        TrustPolicySpec spec = new TrustPolicySpec();
        spec.setTenantRef("acme");
        List<PolicyRule> rules = new ArrayList<>();
        for (String ruleName : ruleNames) {
            PolicyRule rule = new PolicyRule();
            rule.setName(ruleName);
            rule.setMacro("set-size-cap@v1");
            rule.setArguments(new HashMap<>(Map.of("maxSetSize", IntNode.valueOf(1000))));
            rules.add(rule);
        }
        spec.setRules(rules);
        policy.setSpec(spec);
        return policy;
    }

    /** The same policy as YAML, for kubectl. */
    static String policyYaml(String namespace, String name, String ruleName) {
        return """
                apiVersion: trustfabric.io/v1alpha1
                kind: TrustPolicy
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  tenantRef: acme
                  rules:
                    - name: %s
                      macro: set-size-cap@v1
                      with: {maxSetSize: 1000}
                """.formatted(name, namespace, ruleName);
    }

    /** A dry-run create of a policy with a {@code bad-} rule is refused by the webhook's linter (not by anything else). */
    static void awaitWebhookLive(KubernetesClient client, String namespace) {
        await().ignoreExceptions().until(() -> {
            try {
                client.resources(TrustPolicy.class).inNamespace(namespace)
                        .resource(policy("liveness-probe", "bad-probe")).dryRun().create();
                return false;
            } catch (KubernetesClientException e) {
                return e.getCode() == 422 && e.getMessage().contains("[bad-rule-name]");
            }
        });
    }

    /** Replaces the object with the change applied, re-reading it on a conflict (the operator writes it too). */
    static <T extends HasMetadata> T update(KubernetesClient client, Class<T> type, String namespace, String name,
                                            UnaryOperator<T> change) {
        for (int attempt = 0; ; attempt++) {
            T current = namespace == null ? client.resources(type).withName(name).get()
                    : client.resources(type).inNamespace(namespace).withName(name).get();
            try {
                return client.resource(change.apply(current)).update();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt > 20) {
                    throw e;
                }
            }
        }
    }

    /** Records the Warning headers of every response, as kubectl prints them. */
    static final class WarningRecorder implements Interceptor {
        private final List<String> warnings = new CopyOnWriteArrayList<>();

        @Override
        public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
            warnings.addAll(response.headers("Warning"));
        }

        List<String> warnings() {
            return List.copyOf(warnings);
        }

        void clear() {
            warnings.clear();
        }

        /** A client acting as cluster admin whose responses' warnings this recorder keeps. */
        KubernetesClient adminClient(TestCluster cluster) {
            return new KubernetesClientBuilder().withConfig(cluster.admin().getConfiguration())
                    .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("warnings", this))
                    .build();
        }
    }

    /** What kubectl printed, standard output and standard error apart. */
    record Kubectl(int exitCode, String stdout, String stderr) {

        /** Runs the test binaries' kubectl with the admin kubeconfig, the text on its standard input. */
        static Kubectl run(TestCluster cluster, String stdin, String... args) {
            List<String> command = new ArrayList<>(List.of(cluster.controlPlane().binaries().kubectl().toString(),
                    "--kubeconfig=" + cluster.kubeconfig()));
            command.addAll(List.of(args));
            try {
                Process process = new ProcessBuilder(command).start();
                CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
                try (var in = process.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
                byte[] stdout = process.getInputStream().readAllBytes();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("kubectl timed out: " + command);
                }
                return new Kubectl(process.exitValue(), new String(stdout, StandardCharsets.UTF_8),
                        new String(stderr.join(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static byte[] readAll(java.io.InputStream in) {
            try {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
