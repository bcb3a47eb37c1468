package io.trustfabric.operator.causal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.trustfabric.api.v1alpha1.BudgetPeriod;
import io.trustfabric.api.v1alpha1.Partner;
import io.trustfabric.api.v1alpha1.PartnerAllowlist;
import io.trustfabric.api.v1alpha1.PolicyRevision;
import io.trustfabric.api.v1alpha1.PrivacyBudget;
import io.trustfabric.api.v1alpha1.QueryCost;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.RevisionSet;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Computes a tenant's {@link RevisionDetails} from what its reconciliation rendered and observed. */
public final class TenantRevisions {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What one reconciliation rendered and observed.
     *
     * @param image         the worker image
     * @param workerJson    worker.json as rendered for the tenant
     * @param datasetDigest sha256 of the data set's bytes, null when not readable
     * @param keyEpoch      the key epoch the workers serve
     * @param policy        the governing TrustPolicy
     * @param allowlists    the tenant's PartnerAllowlists
     * @param budgets       the tenant's PrivacyBudgets
     * @param deployment    name of the Deployment serving the tenant
     * @param configMap     name of the ConfigMap holding its worker.json
     * @param datasetObject the data set's object as {@code secret/NAME} or {@code configmap/NAME}, null inline
     */
    public record Inputs(String image, String workerJson, String datasetDigest, long keyEpoch,
                         Optional<TrustPolicy> policy, List<PartnerAllowlist> allowlists, List<PrivacyBudget> budgets,
                         String deployment, String configMap, String datasetObject) {
    }

    private TenantRevisions() {
    }

    public static RevisionDetails of(Tenant tenant, Inputs in) {
        String namespace = tenant.getMetadata().getNamespace();
        RevisionSet set = new RevisionSet();
        RevisionDetails.PolicyInForce policy = in.policy().flatMap(TenantRevisions::policyInForce).orElse(null);
        set.setPolicyBundle(in.policy().map(p -> p.getStatus() == null || p.getStatus().getBundle() == null ? null
                : p.getStatus().getBundle().getDigest()).orElse(null));
        set.setWorkerImage(in.image());
        set.setWorkerConfig(in.workerJson() == null ? null : "sha256:" + RevisionSets.sha256(in.workerJson()));
        set.setAllowlist(generations(in.allowlists()));
        set.setBudget(generations(in.budgets()));
        set.setDataset(in.datasetDigest());
        set.setKeyEpoch(in.keyEpoch());
        Map<String, String> next = new HashMap<>();
        next.put(RevisionPart.POLICY_BUNDLE.key(), in.policy().map(p -> "tfctl policy history "
                + p.getMetadata().getName() + " -n " + namespace).orElse("kubectl get trustpolicies -n " + namespace));
        next.put(RevisionPart.WORKER_IMAGE.key(), "kubectl get deployment " + in.deployment() + " -n " + namespace
                + " -o wide");
        next.put(RevisionPart.WORKER_CONFIG.key(), "kubectl get configmap " + in.configMap() + " -n " + namespace
                + " -o yaml");
        next.put(RevisionPart.ALLOWLIST.key(), in.allowlists().isEmpty() ? "kubectl get partnerallowlists -n "
                + namespace : "kubectl get partnerallowlist " + names(in.allowlists()) + " -n " + namespace
                + " -o yaml");
        next.put(RevisionPart.BUDGET.key(), in.budgets().isEmpty() ? "kubectl get privacybudgets -n " + namespace
                : "kubectl get privacybudget " + names(in.budgets()) + " -n " + namespace + " -o yaml");
        next.put(RevisionPart.DATASET.key(), in.datasetObject() == null ? "kubectl get tenant "
                + tenant.getMetadata().getName() + " -n " + namespace + " -o yaml"
                : "kubectl get " + in.datasetObject() + " -n " + namespace);
        next.put(RevisionPart.KEY_EPOCH.key(), "kubectl get deployment " + in.deployment() + " -n " + namespace
                + " -o yaml");
        return new RevisionDetails(set, settings(in.workerJson()), entries(in.allowlists()), budgets(in.budgets()),
                policy, next);
    }

    /** The timeline entry of the revision whose bundle is in force. */
    private static Optional<RevisionDetails.PolicyInForce> policyInForce(TrustPolicy policy) {
        if (policy.getStatus() == null || policy.getStatus().getBundle() == null) {
            return Optional.empty();
        }
        String digest = policy.getStatus().getBundle().getDigest();
        String name = policy.getMetadata().getNamespace() + "/" + policy.getMetadata().getName();
        List<PolicyRevision> timeline = policy.getStatus().getTimeline() == null ? List.of()
                : policy.getStatus().getTimeline();
        return Optional.of(timeline.stream().filter(r -> Objects.equals(digest, r.getDigest())).findFirst()
                .map(r -> new RevisionDetails.PolicyInForce(name, r.getRevision(), r.getChanges(), r.getImpact()))
                .orElse(new RevisionDetails.PolicyInForce(name, policy.getStatus().getRevision(), List.of(), null)));
    }

    /** {@code name=generation} sorted by name, joined by commas; null when there is none. */
    static String generations(List<? extends HasMetadata> objects) {
        if (objects.isEmpty()) {
            return null;
        }
        return objects.stream().sorted(Comparator.comparing(o -> o.getMetadata().getName()))
                .map(o -> o.getMetadata().getName() + "=" + o.getMetadata().getGeneration())
                .collect(Collectors.joining(","));
    }

    private static String names(List<? extends HasMetadata> objects) {
        return objects.stream().map(o -> o.getMetadata().getName()).sorted().collect(Collectors.joining(","));
    }

    /** worker.json's leaves as dotted keys. */
    static SortedMap<String, String> settings(String workerJson) {
        SortedMap<String, String> out = new TreeMap<>();
        if (workerJson == null) {
            return out;
        }
        try {
            flatten("", JSON.readTree(workerJson), out);
        } catch (JsonProcessingException e) {
            out.put("(unreadable)", e.getOriginalMessage());
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, SortedMap<String, String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), out);
            }
        } else {
            out.put(prefix, node.isTextual() ? node.asText() : node.toString());
        }
    }

    private static SortedMap<String, String> entries(List<PartnerAllowlist> allowlists) {
        SortedMap<String, String> out = new TreeMap<>();
        for (PartnerAllowlist allowlist : allowlists) {
            if (allowlist.getSpec() == null || allowlist.getSpec().getPartners() == null) {
                continue;
            }
            for (Partner partner : allowlist.getSpec().getPartners()) {
                if (partner == null || partner.getId() == null) {
                    continue;
                }
                String modes = partner.getModes() == null ? "" : partner.getModes().stream().filter(Objects::nonNull)
                        .map(QueryMode::wireName).collect(Collectors.joining("+"));
                out.put(allowlist.getMetadata().getName() + "/" + partner.getId(), "region=" + partner.getRegion()
                        + ", modes=" + modes + ", expires=" + Objects.toString(partner.getExpires(), "never"));
            }
        }
        return out;
    }

    private static SortedMap<String, String> budgets(List<PrivacyBudget> budgets) {
        SortedMap<String, String> out = new TreeMap<>();
        for (PrivacyBudget budget : budgets) {
            if (budget.getSpec() == null) {
                continue;
            }
            QueryCost cost = budget.getSpec().getCost();
            BudgetPeriod period = budget.getSpec().getPeriod();
            out.put(budget.getMetadata().getName(), "partner=" + budget.getSpec().getPartnerRef()
                    + ", epsilonPerPeriod=" + budget.getSpec().getEpsilonPerPeriod()
                    + ", cost=" + (cost == null ? "default" : "psiCa:" + cost.getPsiCa() + "/psi:" + cost.getPsi()
                    + "/perElement:" + cost.getPerElement())
                    + ", period=" + (period == null ? "default" : period.getEvery() != null ? "every " + period.getEvery()
                    : period.getCalendar() + " " + Objects.toString(period.getTimeZone(), "UTC"))
                    + ", onExhausted=" + budget.getSpec().getOnExhausted());
        }
        return out;
    }
}
