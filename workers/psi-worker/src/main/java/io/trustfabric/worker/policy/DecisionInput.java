package io.trustfabric.worker.policy;

import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.worker.access.Partner;
import io.trustfabric.worker.config.WorkerConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;

/**
 * The decision input of docs/decisions/policies.md: metadata about the tenant, the partner and the query. It is
 * built only from configuration, the allowlist entry, counts and the clock; nothing here can see an item or an
 * element.
 */
public final class DecisionInput {
    /** The same for every query of the tenant: built once, then only read. */
    private final JsonObject tenant;
    private final String normalization;
    private final boolean budgetEnforced;

    public DecisionInput(WorkerConfig config) {
        WorkerConfig.Tenant tenant = config.tenant();
        this.normalization = config.dataset().normalization().configName();
        this.budgetEnforced = config.budget().enforce();
        this.tenant = new JsonObject().put("namespace", tenant.namespace()).put("name", tenant.name())
                .put("modes", modes(tenant.modes()))
                .put("contractFlags", new JsonArray(java.util.List.copyOf(tenant.contractFlags())))
                .put("normalization", normalization);
    }

    public JsonObject of(Partner partner, PsiMode mode, int setSize, PartnerVolume.Windows volume, Instant time) {
        JsonObject partnerJson = new JsonObject().put("id", partner.id());
        if (partner.region() != null) {
            partnerJson.put("region", partner.region());
        }
        partnerJson.put("contractFlags", new JsonArray(partner.contractFlags() == null ? java.util.List.of()
                : java.util.List.copyOf(partner.contractFlags())))
                .put("modes", modes(partner.modes()));
        return new JsonObject()
                .put("tenant", tenant)
                .put("partner", partnerJson)
                .put("query", new JsonObject().put("mode", mode.wireName()).put("setSize", setSize)
                        .put("normalization", normalization))
                .put("volume", new JsonObject().put("hour", counts(volume.hour())).put("day", counts(volume.day())))
                .put("budget", new JsonObject().put("enforced", budgetEnforced))
                .put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** Wire names in a stable order (psi-ca before psi, as {@link PsiMode} declares them). */
    private static JsonArray modes(Collection<PsiMode> modes) {
        JsonArray array = new JsonArray();
        if (modes != null) {
            for (PsiMode mode : PsiMode.values()) {
                if (modes.contains(mode)) {
                    array.add(mode.wireName());
                }
            }
        }
        return array;
    }

    private static JsonObject counts(PartnerVolume.Counts counts) {
        return new JsonObject().put("queries", counts.queries()).put("elements", counts.elements());
    }
}
