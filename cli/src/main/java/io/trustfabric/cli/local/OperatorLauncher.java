package io.trustfabric.cli.local;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.controlplane.FreePort;
import io.trustfabric.operator.OperatorSettings;
import io.trustfabric.operator.TrustFabricOperator;
import io.trustfabric.operator.admission.WebhookRegistration;
import io.trustfabric.operator.admission.WebhookSettings;
import io.trustfabric.operator.tenant.WorkerEndpoints;

/** Starts the Trust Fabric operator in this JVM against local mode's API server. */
final class OperatorLauncher {

    /** The ValidatingWebhookConfiguration local mode registers on the real API server. */
    static final String WEBHOOK_CONFIGURATION = "trust-fabric-local";

    private OperatorLauncher() {
    }

    /**
     * Local settings: server-side apply as in production on the real API server (off on the embedded mock, which has
     * none), no leader election, and health, metrics and the worker control API on loopback only. The control port is
     * chosen before the start so that the URL rendered into worker.json is the one local workers can reach. With
     * opaUrl the operator has an OPA of its own, as the chart's operator sidecar gives it on a cluster.
     * <p>
     * On the real API server the admission webhook runs too, on a free loopback port, and is registered with a
     * ValidatingWebhookConfiguration that calls it by URL (there is no Service in local mode), so kubectl and tfctl
     * apply are linted as in a cluster. The mock API server has no admission, so there it stays off.
     */
    /**
     * Local mode scrapes every 5 s instead of a cluster's 30 s: a laptop's few tenants cost nothing to scrape, and SLA
     * numbers and the drill-down's metric shifts (9 windows) show within a minute of trying something.
     */
    static final java.time.Duration SCRAPE_INTERVAL = java.time.Duration.ofSeconds(5);

    static OperatorStarter.LocalOperator start(KubernetesClient client, boolean serverSideApply, String opaUrl) {
        return start(client, serverSideApply, opaUrl, new LocalWorkerEndpoints());
    }

    /** @param endpoints where the operator's SLA sampler reaches the local worker processes */
    static OperatorStarter.LocalOperator start(KubernetesClient client, boolean serverSideApply, String opaUrl,
                                               WorkerEndpoints endpoints) {
        return start(client, serverSideApply, opaUrl, endpoints, SCRAPE_INTERVAL);
    }

    /** As above, scraping the workers this often for the SLA (tests use a short interval). */
    static OperatorStarter.LocalOperator start(KubernetesClient client, boolean serverSideApply, String opaUrl,
                                               WorkerEndpoints endpoints, java.time.Duration scrapeInterval) {
        int controlPort = FreePort.pick();
        String controlUrl = "http://127.0.0.1:" + controlPort;
        OperatorSettings settings = OperatorSettings.local().withServerSideApply(serverSideApply)
                .withControl(controlPort, controlUrl).withOpaUrl(opaUrl)
                .withScrapeInterval(scrapeInterval);
        boolean realApiServer = serverSideApply;
        if (realApiServer) {
            settings = settings.withWebhook(WebhookSettings.loopback(FreePort.pick(), WEBHOOK_CONFIGURATION));
        }
        TrustFabricOperator.Running running = TrustFabricOperator.start(client, settings, endpoints);
        String webhookUrl = null;
        if (running.webhookPort() > 0) {
            webhookUrl = "https://127.0.0.1:" + running.webhookPort() + "/validate";
            try {
                client.admissionRegistration().v1().validatingWebhookConfigurations()
                        .resource(WebhookRegistration.forUrl(WEBHOOK_CONFIGURATION, webhookUrl,
                                running.webhookCaBundle()))
                        .fieldManager("tfctl-local").forceConflicts().serverSideApply();
            } catch (RuntimeException e) {
                running.stop();
                throw e;
            }
        }
        return new OperatorStarter.LocalOperator(running, "http://127.0.0.1:" + running.controlPort(), webhookUrl);
    }
}
