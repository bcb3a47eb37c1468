package io.trustfabric.operator.allowlist;

import io.fabric8.kubernetes.api.model.Secret;
import io.trustfabric.api.common.SecretKeyRef;
import io.trustfabric.api.v1alpha1.Partner;
import io.trustfabric.api.v1alpha1.PartnerAllowlist;
import io.trustfabric.api.v1alpha1.PartnerCredentials;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Decides, for all PartnerAllowlists of one tenant together, which partners are served and why the others are
 * not. The PartnerAllowlist reconciler (status) and the Tenant workflow (rendered allowlist) both use it, so the
 * status an SRE reads and what the workers enforce cannot disagree.
 * <p>
 * Raw API keys are read here, hashed at once and never kept.
 */
public final class AllowlistEvaluator {

    public static final String DUPLICATE_PARTNER = "DuplicatePartner";
    public static final String CREDENTIAL_SECRET_NOT_FOUND = "CredentialSecretNotFound";
    public static final String CREDENTIAL_KEY_NOT_FOUND = "CredentialKeyNotFound";
    public static final String CREDENTIAL_EMPTY = "CredentialEmpty";
    public static final String INVALID_CREDENTIALS = "InvalidCredentials";
    public static final String NO_ALLOWED_MODE = "NoAllowedMode";
    public static final String INVALID_EXPIRY = "InvalidExpiry";
    public static final String EXPIRED = "PartnerExpired";

    private final CredentialSource credentials;

    public AllowlistEvaluator(CredentialSource credentials) {
        this.credentials = credentials;
    }

    /**
     * @param namespace  the tenant's namespace
     * @param tenantName the tenant's name
     * @param tenant     the Tenant, or null when it does not exist (modes are then not checked)
     * @param allowlists every PartnerAllowlist of the namespace whose spec.tenantRef names the tenant
     * @param now        the time expiry is judged at
     */
    public AllowlistEvaluation evaluate(String namespace, String tenantName, Tenant tenant,
                                        List<PartnerAllowlist> allowlists, Instant now) {
        Map<String, List<String>> listsById = listsById(allowlists);
        List<PartnerVerdict> verdicts = new ArrayList<>();
        allowlists.stream().sorted(Comparator.comparing(a -> a.getMetadata().getName())).forEach(allowlist -> {
            String name = allowlist.getMetadata().getName();
            for (Partner partner : partners(allowlist)) {
                verdicts.add(judge(namespace, tenantName, tenant, name, partner, listsById.get(partner.getId()), now));
            }
        });
        return new AllowlistEvaluation(namespace, tenantName, verdicts);
    }

    private PartnerVerdict judge(String namespace, String tenantName, Tenant tenant, String allowlist,
                                 Partner partner, List<String> listedBy, Instant now) {
        if (listedBy.size() > 1) {
            return refused(allowlist, partner, PartnerState.DUPLICATE, DUPLICATE_PARTNER,
                    duplicateMessage(allowlist, partner.getId(), tenantName, listedBy));
        }
        Resolution credential = resolveCredential(namespace, tenantName, partner);
        if (credential.failureReason != null) {
            return refused(allowlist, partner, PartnerState.INVALID, credential.failureReason, credential.message);
        }
        List<QueryMode> modes = servedModes(tenant, partner);
        if (modes.isEmpty()) {
            return refused(allowlist, partner, PartnerState.INVALID, NO_ALLOWED_MODE, "Partner '" + partner.getId()
                    + "' may use " + wire(partner.getModes()) + " but Tenant '" + tenantName + "' allows only "
                    + wire(tenant.getSpec().getModes()) + "; the partner is refused.");
        }
        Instant expires;
        try {
            expires = partner.getExpires() == null ? null : OffsetDateTime.parse(partner.getExpires()).toInstant();
        } catch (DateTimeParseException e) {
            return refused(allowlist, partner, PartnerState.INVALID, INVALID_EXPIRY, "Partner '" + partner.getId()
                    + "' has expires '" + partner.getExpires() + "', which is not an RFC 3339 time.");
        }
        if (expires != null && !expires.isAfter(now)) {
            return new PartnerVerdict(allowlist, partner, PartnerState.EXPIRED, EXPIRED, "Partner '"
                    + partner.getId() + "' expired at " + expires + "; workers answer 403 partner-expired.",
                    modes, expires, credential.hash);
        }
        return new PartnerVerdict(allowlist, partner, PartnerState.ACTIVE, null, null, modes, expires,
                credential.hash);
    }

    private Resolution resolveCredential(String namespace, String tenantName, Partner partner) {
        PartnerCredentials creds = partner.getCredentials();
        boolean apiKey = creds != null && creds.getApiKeySecretRef() != null;
        boolean certificate = creds != null && creds.getClientCertificate() != null
                && creds.getClientCertificate().getSubject() != null;
        if (apiKey == certificate) {
            return Resolution.failed(INVALID_CREDENTIALS, "Partner '" + partner.getId()
                    + "' must set exactly one of credentials.apiKeySecretRef or credentials.clientCertificate.");
        }
        if (certificate) {
            return Resolution.resolved(null);
        }
        SecretKeyRef ref = creds.getApiKeySecretRef();
        Optional<Secret> secret = credentials.secret(namespace, ref.getName());
        if (secret.isEmpty()) {
            return Resolution.failed(CREDENTIAL_SECRET_NOT_FOUND, "Partner '" + partner.getId() + "': Secret '"
                    + ref.getName() + "' (credentials.apiKeySecretRef) does not exist in namespace '" + namespace
                    + "'. Create it: kubectl -n " + namespace + " create secret generic " + ref.getName()
                    + " --from-literal=" + ref.getKey() + "=<api key>");
        }
        Optional<String> key = value(secret.get(), ref.getKey());
        if (key.isEmpty()) {
            return Resolution.failed(CREDENTIAL_KEY_NOT_FOUND, "Partner '" + partner.getId() + "': Secret '"
                    + ref.getName() + "' has no key '" + ref.getKey() + "'.");
        }
        if (key.get().isBlank()) {
            return Resolution.failed(CREDENTIAL_EMPTY, "Partner '" + partner.getId() + "': key '" + ref.getKey()
                    + "' of Secret '" + ref.getName() + "' is empty.");
        }
        return Resolution.resolved(ApiKeyHash.of(ApiKeyHash.salt(namespace, tenantName, partner.getId()), key.get()));
    }

    /** The key as the partner sends it: the Secret value, without the one line break files usually end with. */
    private static Optional<String> value(Secret secret, String key) {
        String raw = null;
        if (secret.getData() != null && secret.getData().get(key) != null) {
            try {
                raw = new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        } else if (secret.getStringData() != null) {
            raw = secret.getStringData().get(key);
        }
        if (raw == null) {
            return Optional.empty();
        }
        return Optional.of(raw.endsWith("\r\n") ? raw.substring(0, raw.length() - 2)
                : raw.endsWith("\n") ? raw.substring(0, raw.length() - 1) : raw);
    }

    private static List<QueryMode> servedModes(Tenant tenant, Partner partner) {
        List<QueryMode> wanted = partner.getModes() == null ? List.of() : partner.getModes();
        if (tenant == null || tenant.getSpec() == null || tenant.getSpec().getModes() == null) {
            return wanted;
        }
        return wanted.stream().filter(tenant.getSpec().getModes()::contains).distinct().toList();
    }

    private static Map<String, List<String>> listsById(List<PartnerAllowlist> allowlists) {
        Map<String, List<String>> byId = new TreeMap<>();
        for (PartnerAllowlist allowlist : allowlists) {
            for (Partner partner : partners(allowlist)) {
                byId.computeIfAbsent(partner.getId(), id -> new ArrayList<>()).add(allowlist.getMetadata().getName());
            }
        }
        return byId;
    }

    private static List<Partner> partners(PartnerAllowlist allowlist) {
        return allowlist.getSpec() == null || allowlist.getSpec().getPartners() == null ? List.of()
                : allowlist.getSpec().getPartners().stream().filter(p -> p != null && p.getId() != null).toList();
    }

    private static String duplicateMessage(String allowlist, String id, String tenant, List<String> listedBy) {
        List<String> others = listedBy.stream().filter(name -> !name.equals(allowlist)).distinct().sorted().toList();
        String where = others.isEmpty() ? "is listed more than once in this PartnerAllowlist"
                : "is also listed by PartnerAllowlist " + others.stream().map(n -> "'" + n + "'")
                .collect(Collectors.joining(", "));
        return "Partner '" + id + "' " + where + " for Tenant '" + tenant + "'; it is served from neither until"
                + " exactly one allowlist lists it.";
    }

    private static PartnerVerdict refused(String allowlist, Partner partner, PartnerState state, String reason,
                                          String message) {
        return new PartnerVerdict(allowlist, partner, state, reason, message, List.of(), null, null);
    }

    private static String wire(List<QueryMode> modes) {
        return modes == null ? "[]" : modes.stream().map(QueryMode::wireName).toList().toString();
    }

    private record Resolution(ApiKeyHash hash, String failureReason, String message) {
        static Resolution resolved(ApiKeyHash hash) {
            return new Resolution(hash, null, null);
        }

        static Resolution failed(String reason, String message) {
            return new Resolution(null, reason, message);
        }
    }
}
