package io.trustfabric.operator.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code webhooks[*].clientConfig.caBundle} of one ValidatingWebhookConfiguration equal to the webhook's CA
 * bundle. It watches that one object (list and watch with the field selector {@code metadata.name=<name>}, which RBAC
 * allows with {@code resourceNames}), so a caBundle emptied by a {@code helm upgrade} or anyone else is restored as
 * soon as the change is seen. Only the caBundle fields are written: one JSON Patch that, per webhook, tests the
 * webhook's name at its index and sets its caBundle, so a concurrent reordering of the list fails the patch instead
 * of writing the wrong entry.
 */
final class CaBundleInjector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CaBundleInjector.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int INVALID = 422;

    /**
     * How long a CA must have been seen in the caBundle before it counts as trusted: the API server learns of the
     * change through its own watch of the configuration, normally within milliseconds of this one.
     */
    static final Duration PROPAGATION = Duration.ofSeconds(2);

    private final KubernetesClient client;
    private final String name;
    private final Clock clock;
    private final Map<X509Certificate, Instant> seenSince = new HashMap<>();
    private SharedIndexInformer<ValidatingWebhookConfiguration> informer;
    private String lastProblem;
    private boolean reportedMissing;

    CaBundleInjector(KubernetesClient client, String name, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.name = Objects.requireNonNull(name, "name");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Starts watching the configuration and waits for the first list.
     *
     * @param onChange called (on the informer's thread) whenever the configuration is added or changed
     * @throws IllegalStateException when it cannot be listed (e.g. RBAC does not allow it)
     */
    void start(Runnable onChange) {
        informer = client.admissionRegistration().v1().validatingWebhookConfigurations()
                .withField("metadata.name", name).runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ValidatingWebhookConfiguration configuration) {
                onChange.run();
            }

            @Override
            public void onUpdate(ValidatingWebhookConfiguration before, ValidatingWebhookConfiguration after) {
                onChange.run();
            }

            @Override
            public void onDelete(ValidatingWebhookConfiguration configuration, boolean unknownFinalState) {
                LOG.warn("ValidatingWebhookConfiguration {} was deleted: the API server no longer calls the webhook",
                        name);
            }
        });
        try {
            informer.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            informer.stop();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("Cannot watch the ValidatingWebhookConfiguration " + name + " whose"
                    + " caBundle the operator keeps current (" + cause + "); grant list, watch and patch on it"
                    + " (docs/helm.md, RBAC)", cause);
        } catch (InterruptedException e) {
            informer.stop();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing ValidatingWebhookConfiguration " + name, e);
        }
    }

    /** The configuration as last seen; empty when it does not exist. */
    Optional<ValidatingWebhookConfiguration> configuration() {
        if (informer == null) {
            return Optional.empty();
        }
        return informer.getStore().list().stream().filter(c -> name.equals(c.getMetadata().getName())).findFirst();
    }

    /**
     * Whether the API server trusts certificates the CA issued: every webhook of the configuration has carried the CA
     * in its caBundle for at least {@link #PROPAGATION}. True when there is no configuration (nothing calls the
     * webhook through it).
     */
    synchronized boolean trusts(X509Certificate ca) {
        Optional<ValidatingWebhookConfiguration> configuration = configuration();
        if (configuration.isEmpty()) {
            return true;
        }
        boolean inEveryBundle = webhooks(configuration.get()).stream()
                .allMatch(webhook -> bundleOf(webhook).contains(ca));
        if (!inEveryBundle) {
            seenSince.remove(ca);
            return false;
        }
        Instant now = clock.instant();
        Instant since = seenSince.computeIfAbsent(ca, c -> now);
        seenSince.keySet().removeIf(c -> !c.equals(ca) && TlsMaterial.expired(c, now));
        return !now.isBefore(since.plus(PROPAGATION));
    }

    /** Patches every caBundle that differs from the bundle; does nothing when all match or there is no configuration. */
    void ensure(String caBundlePem) {
        Optional<ValidatingWebhookConfiguration> configuration = configuration();
        if (configuration.isEmpty()) {
            if (!reportedMissing) {
                LOG.warn("ValidatingWebhookConfiguration {} does not exist (yet): the API server does not call the"
                        + " webhook; its caBundle is set as soon as it is created", name);
                reportedMissing = true;
            }
            return;
        }
        reportedMissing = false;
        String expected = Base64.getEncoder().encodeToString(caBundlePem.getBytes(StandardCharsets.US_ASCII));
        List<ValidatingWebhook> webhooks = webhooks(configuration.get());
        ArrayNode patch = JSON.createArrayNode();
        for (int i = 0; i < webhooks.size(); i++) {
            ValidatingWebhook webhook = webhooks.get(i);
            if (webhook.getClientConfig() == null || expected.equals(webhook.getClientConfig().getCaBundle())) {
                continue;
            }
            patch.addObject().put("op", "test").put("path", "/webhooks/" + i + "/name").put("value", webhook.getName());
            patch.addObject().put("op", "add").put("path", "/webhooks/" + i + "/clientConfig/caBundle")
                    .put("value", expected);
        }
        if (patch.isEmpty()) {
            lastProblem = null;
            return;
        }
        try {
            client.admissionRegistration().v1().validatingWebhookConfigurations().withName(name)
                    .patch(PatchContext.of(PatchType.JSON), patch.toString());
            LOG.info("Set the caBundle of {} webhook(s) of ValidatingWebhookConfiguration {}", patch.size() / 2, name);
            lastProblem = null;
        } catch (KubernetesClientException e) {
            if (e.getCode() == INVALID) {
                // the list changed under us: the watch brings the new version and the next pass patches that
                LOG.debug("ValidatingWebhookConfiguration {} changed while its caBundle was patched: {}", name,
                        e.getMessage());
                return;
            }
            String problem = e.getCode() + " " + e.getMessage();
            if (!problem.equals(lastProblem)) {
                LOG.error("Cannot set the caBundle of ValidatingWebhookConfiguration {}: {}", name, e.getMessage());
                lastProblem = problem;
            }
        }
    }

    private static List<ValidatingWebhook> webhooks(ValidatingWebhookConfiguration configuration) {
        return configuration.getWebhooks() == null ? List.of() : configuration.getWebhooks();
    }

    private static List<X509Certificate> bundleOf(ValidatingWebhook webhook) {
        String base64 = webhook.getClientConfig() == null ? null : webhook.getClientConfig().getCaBundle();
        if (base64 == null || base64.isEmpty()) {
            return List.of();
        }
        try {
            return Pem.parseCertificates(new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.stop();
        }
    }
}
