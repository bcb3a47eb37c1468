package io.trustfabric.cli.local;

import io.trustfabric.cli.TfctlRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.trustfabric.cli.resource.KindCatalog;
import io.trustfabric.cli.resource.ResourceKind;
import io.trustfabric.cli.resource.ResourceStore;
import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.testsupport.CommandResult;
import io.trustfabric.testsupport.RequiresRealBinaries;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local mode on the real control plane (etcd, kube-apiserver, kube-controller-manager from
 * build-tools/test-binaries.sh): the quickstart through server-side apply, kubectl with the printed kubeconfig, the
 * API server's validation through tfctl apply, and no child process left after close. One local mode serves the
 * first tests; the order matters because the last of them closes it.
 */
@RequiresRealBinaries
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES) // a hang guard, not a performance assertion
class LocalModeRealApiServerTest {

    private static final Path QUICKSTART = Path.of("..", "examples", "quickstart");

    @TempDir
    static Path tmp;

    private static LocalMode local;
    private static final StringWriter PROGRESS = new StringWriter();

    @BeforeAll
    static void start() {
        local = LocalMode.start(new LocalMode.Options(0, tmp.resolve("work"), tmp.resolve("kubeconfig"), QUICKSTART,
                true, Duration.ofMillis(250), ApiServerChoice.REAL), new PrintWriter(PROGRESS, true));
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
    }

    @Test
    @Order(1)
    void appliesTheQuickstartWithServerSideApplyAndTheTenantBecomesReadyWithAServingWorker(ControlPlaneBinaries bin)
            throws Exception {
        String progress = PROGRESS.toString();
        assertThat(local.realApiServer()).isTrue();
        assertThat(local.apiServerUrl()).startsWith("https://127.0.0.1:");
        assertThat(progress).contains("API server: kube-apiserver v" + bin.kubernetesVersion() + " (real; etcd "
                        + bin.etcdVersion() + ", kube-controller-manager: garbage collector, namespaces, service accounts, resource quotas) on "
                        + local.apiServerUrl() + "\n")
                .contains("Registered 7 CRDs\n")
                .containsPattern("Operator: running in this process, server-side apply on, worker control API on "
                        + "http://127\\.0\\.0\\.1:\\d+, its own OPA on 127\\.0\\.0\\.1:\\d+ \\(PolicyMacro checks, impact of "
                        + "policy changes\\), admission webhook \\(lint as you type\\) on "
                        + "https://127\\.0\\.0\\.1:\\d+/validate")
                .contains("OPA: " + bin.opa() + " (v" + bin.opaVersion() + ", from ")
                .doesNotContain("embedded mock");
        assertThat(progress.indexOf("namespace/trust created")).as("the namespace before what goes into it")
                .isNotNegative().isLessThan(progress.indexOf("configmap/acme-customers created"));
        assertThat(progress).contains("tenant.trustfabric.io/acme created")
                .contains("partnerallowlist.trustfabric.io/acme-partners created")
                .contains("privacybudget.trustfabric.io/acme-quickstart created");

        assertThat(local.awaitTenantReady("trust", "acme", Duration.ofMinutes(3)))
                .as("Tenant trust/acme Ready; state:%n%s", local.summary()).isTrue();
        List<String> endpoints = local.workerEndpoints().get("trust/acme-psi");
        assertThat(endpoints).hasSize(1);
        String endpoint = endpoints.get(0);
        assertThat(get(endpoint + "/readyz").statusCode()).isEqualTo(200);
        assertThat(local.opaPorts().get("trust/acme-psi")).as("the worker asks an OPA of its own").hasSize(1);
        TfctlRun query = TfctlRun.of("psi-ca", "--endpoint", endpoint, "--items", QUICKSTART.resolve("partner-items.txt").toString(),
                "--api-key-file", QUICKSTART.resolve("partner-api-key.txt").toString());
        assertThat(query.exitCode()).as(query.err()).isZero();
        assertThat(query.out().strip()).as("partner-items.txt shares 40 customers with the tenant").isEqualTo("40");

        Deployment workers = local.client().apps().deployments().inNamespace("trust").withName("acme-psi").get();
        assertThat(workers.getMetadata().getManagedFields()).as("the operator applies its Deployment server-side")
                .anyMatch(f -> "Apply".equals(f.getOperation()) && f.getSubresource() == null);
        assertThat(workers.getMetadata().getManagedFields()).as("local mode writes the status, as a Deployment controller")
                .extracting(ManagedFieldsEntry::getSubresource).contains("status");
        if (Files.isDirectory(Path.of("/proc", "self"))) { // where a process's environment can be read
            assertThat(workerEnvironment(local.workerProcesses().get(0)))
                    .as("workers are told where opa is").contains(LocalMode.OPA_BINARY_VARIABLE + "=" + bin.opa() + "\n");
        }
    }

    @Test
    @Order(2)
    void kubectlWithThePrintedKubeconfigListsTheTenant(ControlPlaneBinaries bin) throws Exception {
        assertThat(local.awaitTenantReady("trust", "acme", Duration.ofMinutes(3))).isTrue();
        Path kubeconfig = local.kubeconfig();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig)))
                .as("the kubeconfig holds an admin token").isEqualTo("rw-------");

        CommandResult tenants = CommandResult.run(List.of(bin.kubectl().toString(), "--kubeconfig=" + kubeconfig,
                "get", "tenants", "-n", "trust"), Duration.ofMinutes(1));
        assertThat(tenants.exitCode()).as(tenants.output()).isZero();
        assertThat(tenants.output()).containsPattern("acme\\s+True\\s+1\\s+http://acme-psi\\.trust\\.svc:8080");

        CommandResult deployment = CommandResult.run(List.of(bin.kubectl().toString(), "--kubeconfig=" + kubeconfig,
                "get", "deployment", "acme-psi", "-n", "trust"), Duration.ofMinutes(1));
        assertThat(deployment.output()).as("READY counts the local worker processes").containsPattern("acme-psi\\s+1/1");

        assertThat(TfctlRun.ok("get", "tenants", "-n", "trust", "--kubeconfig", kubeconfig.toString()))
                .containsPattern("acme\\s+True\\s");
    }

    @Test
    @Order(2)
    void aTrustPolicyAppliedWithKubectlIsLintedByTheOperatorsWebhook(ControlPlaneBinaries bin) throws Exception {
        ValidatingWebhookConfiguration configuration = local.client().admissionRegistration().v1()
                .validatingWebhookConfigurations().withName(OperatorLauncher.WEBHOOK_CONFIGURATION).get();
        assertThat(configuration.getWebhooks()).extracting(w -> w.getName())
                .containsExactly("policies.lint.trustfabric.io", "resources.lint.trustfabric.io");
        assertThat(configuration.getWebhooks()).allSatisfy(webhook -> {
            assertThat(webhook.getClientConfig().getUrl()).matches("https://127\\.0\\.0\\.1:\\d+/validate");
            assertThat(webhook.getClientConfig().getCaBundle()).isNotEmpty();
        });
        Path policy = Files.writeString(tmp.resolve("policy.yaml"), """
                apiVersion: trustfabric.io/v1alpha1
                kind: TrustPolicy
                metadata:
                  name: acme-policy
                  namespace: trust
                spec:
                  tenantRef: acme
                  rules:
                    - name: cap
                      macro: set-size-cap@v1
                      with: {maxSetSize: 100000}
                """, StandardCharsets.UTF_8);

        CommandResult apply = CommandResult.run(List.of(bin.kubectl().toString(), "--kubeconfig=" + local.kubeconfig(),
                "apply", "-f", policy.toString()), Duration.ofMinutes(1));

        assertThat(apply.exitCode()).as(apply.output()).isZero();
        assertThat(apply.output()).contains("trustpolicy.trustfabric.io/acme-policy created")
                .doesNotContain("failed calling webhook");
    }

    @Test
    @Order(3)
    void anInvalidTenantAppliedWithTfctlIsRefusedByTfctlAndByTheApiServerAndNothingIsCreated() throws Exception {
        Path manifest = Files.writeString(tmp.resolve("bad-tenant.yaml"), """
                apiVersion: trustfabric.io/v1alpha1
                kind: Tenant
                metadata:
                  name: bad
                  namespace: trust
                spec:
                  modes: [psi-everything]
                  dataset:
                    configMapRef:
                      name: acme-customers
                      key: emails-sha256.txt
                    normalization: email-lowercase-sha256
                  workers:
                    replicas: 1
                """, StandardCharsets.UTF_8);

        TfctlRun checked = TfctlRun.of("apply", "-f", manifest.toString(), "--kubeconfig",
                local.kubeconfig().toString());
        assertThat(checked.exitCode()).as("refused by tfctl's own check against the packaged CRD").isEqualTo(1);
        assertThat(checked.err()).contains("spec.modes[0]: Unsupported value: \"psi-everything\"")
                .contains("nothing applied");

        TfctlRun apply = TfctlRun.of("apply", "-f", manifest.toString(), "--validate=false", "--kubeconfig",
                local.kubeconfig().toString());

        assertThat(apply.exitCode()).isEqualTo(1);
        assertThat(apply.err()).contains("error: tenant.trustfabric.io/bad: refused by the API server (422 Invalid): "
                        + "Tenant.trustfabric.io \"bad\" is invalid")
                .contains("spec.modes[0]: Unsupported value: \"psi-everything\"");
        assertThat(new ResourceStore(local.client(), KindCatalog.builtIn())
                .get(KindCatalog.builtIn().require("tenants"), "trust", "bad")).isNull();
    }

    @Test
    @Order(4)
    void aSchemalessStandInCrdForAnUnpackagedKindIsServedByTheRealApiServer() {
        ResourceKind gadgets = new ResourceKind(KindCatalog.GROUP, KindCatalog.VERSION, "Gadget", "gadgets", "gadget",
                List.of("gd"), true, List.of());
        CrdInstaller.register(local.client(), CrdInstaller.standIn(gadgets));
        CrdInstaller.awaitEstablished(local.client(), List.of("gadgets.trustfabric.io"), Duration.ofMinutes(1));

        GenericKubernetesResource gadget = new GenericKubernetesResource();
        gadget.setApiVersion(KindCatalog.GROUP + "/" + KindCatalog.VERSION);
        gadget.setKind("Gadget");
        gadget.setMetadata(new ObjectMetaBuilder().withName("g1").withNamespace("trust").build());
        gadget.setAdditionalProperty("spec", Map.of("anything", Map.of("goes", List.of(1, 2))));
        local.client().genericKubernetesResources(gadgets.context()).inNamespace("trust").resource(gadget).create();

        GenericKubernetesResource stored = local.client().genericKubernetesResources(gadgets.context())
                .inNamespace("trust").withName("g1").get();
        assertThat(stored.getAdditionalProperties().get("spec")).as("unknown fields are preserved")
                .isEqualTo(Map.of("anything", Map.of("goes", List.of(1, 2))));
    }

    @Test
    @Order(5)
    void closingStopsEtcdTheApiServerTheControllerManagerAndEveryWorker() {
        List<ProcessHandle> children = childrenMentioning(tmp);
        assertThat(children).extracting(LocalModeRealApiServerTest::program)
                .contains("etcd", "kube-apiserver", "kube-controller-manager", "worker", "opa");
        assertThat(children).as("the workers local mode knows of").containsAll(local.workerProcesses());

        local.close();
        local = null;

        await("every child process of local mode stops").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(children).noneMatch(ProcessHandle::isAlive));
        assertThat(childrenMentioning(tmp)).isEmpty();
    }

    @Test
    @Order(6)
    void localCommandPrintsTheRealApiServerTheKubeconfigExportAndOpa(ControlPlaneBinaries bin) {
        Path dir = tmp.resolve("command");
        String out = TfctlRun.ok("local", "--api-server=real", "--port", "0", "--dir", dir.toString(), "--no-quickstart",
                "--exit-when-ready");

        assertThat(out).containsPattern("API server: kube-apiserver v" + bin.kubernetesVersion().replace(".", "\\.")
                        + " \\(real; etcd .*\\) on https://127\\.0\\.0\\.1:\\d+\n")
                .contains("OPA: " + bin.opa() + " (v" + bin.opaVersion() + ", from ")
                .contains("Kubeconfig: " + dir.resolve("kubeconfig"))
                .contains("  export KUBECONFIG=" + dir.resolve("kubeconfig") + "\n")
                .contains("  kubectl get tenants -A")
                .doesNotContain("kubectl cannot use it");
        assertThat(childrenMentioning(dir)).as("--exit-when-ready closes everything it started").isEmpty();
    }

    /** Processes this JVM started (directly or not) whose command line names the folder. */
    private static List<ProcessHandle> childrenMentioning(Path folder) {
        String path = folder.toAbsolutePath().toString();
        List<ProcessHandle> found = new ArrayList<>();
        ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(path)).forEach(found::add);
        return found;
    }

    /** etcd, kube-apiserver, kube-controller-manager, worker, or the command (e.g. the watchdog shell). */
    private static String program(ProcessHandle process) {
        String commandLine = process.info().commandLine().orElse("");
        if (commandLine.contains(WorkerLaunch.WORKER_MAIN)) {
            return "worker";
        }
        String command = process.info().command().orElse("?");
        return command.substring(command.lastIndexOf('/') + 1);
    }

    /** The environment a worker process was started with (Linux: /proc/PID/environ), one NAME=value a line. */
    private static String workerEnvironment(ProcessHandle worker) throws Exception {
        byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(worker.pid()), "environ"));
        return new String(environ, StandardCharsets.UTF_8).replace('\0', '\n');
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
