package io.trustfabric.operator.admission;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validating admission webhook of one operator replica (every replica serves it, leader or not): the HTTPS
 * endpoint, its certificates kept in the shared Secret and renewed when due, and the caBundle of the
 * ValidatingWebhookConfiguration kept equal to the CA bundle. One thread does all certificate and caBundle work: every
 * {@link CertificateLifetimes#checkInterval()} and whenever the configuration changes.
 */
public final class AdmissionWebhook implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdmissionWebhook.class);

    private final WebhookTls tls;
    private final CaBundleInjector injector;
    private final ScheduledExecutorService scheduler;
    private WebhookServer server;
    private String lastFailure;

    private AdmissionWebhook(WebhookTls tls, CaBundleInjector injector, ScheduledExecutorService scheduler) {
        this.tls = tls;
        this.injector = injector;
        this.scheduler = scheduler;
    }

    /**
     * Loads or creates the certificates, sets the caBundle, starts serving and returns.
     *
     * @param bindAddress       where the HTTPS server listens
     * @param operatorNamespace where the TLS Secret lives (and the webhook Service, for the certificate's names)
     * @param watchNamespaces   the namespaces the operator governs; empty means all
     * @throws IllegalStateException when the Secret or the configuration cannot be read or written, or the port not
     *                               bound
     */
    public static AdmissionWebhook start(KubernetesClient client, WebhookSettings settings, String bindAddress,
                                         String operatorNamespace, Set<String> watchNamespaces, ObjectLinter linter,
                                         AdmissionMetrics metrics, Clock clock) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("the webhook is off (port 0)");
        }
        SubjectNames names = SubjectNames.of(settings.serviceName(), operatorNamespace, settings.extraSans());
        WebhookTls tls = new WebhookTls(new WebhookTlsSecret(client, operatorNamespace),
                new CertificateRenewal(names, settings.lifetimes()), clock);
        CaBundleInjector injector = settings.configurationName() == null ? null
                : new CaBundleInjector(client, settings.configurationName(), clock);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "webhook-tls");
            thread.setDaemon(true);
            return thread;
        });
        AdmissionWebhook webhook = new AdmissionWebhook(tls, injector, scheduler);
        try {
            if (injector != null) {
                injector.start(webhook::reconcileSoon);
            }
            webhook.reconcile();
            Set<String> governed = Set.copyOf(watchNamespaces);
            PolicyAdmission admission = new PolicyAdmission(linter,
                    namespace -> governed.isEmpty() || governed.contains(namespace), metrics);
            webhook.server = WebhookServer.start(bindAddress, settings.port(), tls.keyManager(), admission);
            long interval = settings.lifetimes().checkInterval().toMillis();
            scheduler.scheduleWithFixedDelay(webhook::reconcileQuietly, interval, interval, TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            webhook.close();
            throw new UncheckedIOException("Cannot listen on " + bindAddress + ":" + settings.port()
                    + " for the admission webhook", e);
        } catch (RuntimeException e) {
            webhook.close();
            throw e;
        }
        LOG.info("Admission webhook serving https://{}:{}{} (certificate for {}; caBundle of {})", bindAddress,
                webhook.port(), WebhookServer.PATH, names.all(),
                settings.configurationName() == null ? "no ValidatingWebhookConfiguration"
                        : "ValidatingWebhookConfiguration " + settings.configurationName());
        return webhook;
    }

    /** The port the HTTPS server listens on. */
    public int port() {
        return server.port();
    }

    /** The CA bundle (PEM) the API server must trust to call this webhook. */
    public String caBundlePem() {
        return tls.material().caBundlePem();
    }

    /** Re-reads the Secret, renews what is due, reloads the server's certificate, then fixes the caBundle. */
    private synchronized void reconcile() {
        TlsMaterial material = tls.check(injector == null ? ca -> true : injector::trusts);
        if (injector != null) {
            injector.ensure(material.caBundlePem());
        }
    }

    private void reconcileSoon() {
        try {
            scheduler.execute(this::reconcileQuietly);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void reconcileQuietly() {
        try {
            reconcile();
            lastFailure = null;
        } catch (RuntimeException e) {
            String failure = e.toString();
            if (!failure.equals(lastFailure)) {
                LOG.error("Checking the admission webhook's certificates failed (retried every check): {}", failure);
                lastFailure = failure;
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        if (injector != null) {
            injector.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
